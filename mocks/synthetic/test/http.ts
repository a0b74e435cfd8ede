/**
 * Test helper for the handlers under `// @vitest-environment node`: MSW resolves the handlers'
 * relative paths against `location`, which Node lacks, so tests give it the same origin they fetch.
 */
export const ORIGIN = 'http://localhost'

if (typeof globalThis.location === 'undefined') {
  Object.defineProperty(globalThis, 'location', { value: new URL(`${ORIGIN}/`), configurable: true })
}

export async function getJson(path: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${ORIGIN}${path}`)
  return { status: res.status, body: await res.json() }
}
