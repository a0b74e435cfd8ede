export type Fault =
  | { match: RegExp; kind: 'hang' }
  | { match: RegExp; kind: 'drip'; bytesPerSecond: number }
  | { match: RegExp; kind: 'status'; status: number; headers?: Record<string, string>; body?: string; type?: string }
  | { match: RegExp; kind: 'no-cors' }
export interface FaultProxy {
  url: string
  log: { path: string; at: number }[]
  fault: (f: Fault | null) => void
  close: () => Promise<void>
}
export function startFaultProxy(opts: { port?: number; answer: (path: string, url: URL) => { status?: number; type?: string; body: string } | null }): Promise<FaultProxy>
