export function sleep(ms: number): Promise<void>
export function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string, opts?: { intervalMs?: number; gaveUp?: () => string | null }): Promise<void>
