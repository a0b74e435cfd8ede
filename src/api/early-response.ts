/**
 * The console's side of the early trace request (src/app/early-trace.ts): the answer to a request
 * the page made before the console's code ran, taken once, by the request it stands for.
 */

/** What the early script leaves for the console (window.__tracelensEarlyTrace). */
export interface EarlyTrace {
  /** the trace's address and the media type asked for, or null when nothing was requested */
  request: Promise<{ url: string; accept: string; response: Promise<Response> } | null>
  /** stops the early request (its answer then errors) */
  abort: () => void
}

declare global {
  interface Window {
    __tracelensEarlyTrace?: EarlyTrace
  }
}

/**
 * The early answer for `url` asked as `accept`, or null (none was made, it was for another
 * address, or it failed: the caller then asks for itself). `signal` stops the early request as it
 * would stop the caller's own. Whatever happens, the early answer can be taken only once.
 */
export async function takeEarlyResponse(url: string, accept: string, signal: AbortSignal): Promise<Response | null> {
  if (typeof window === 'undefined') return null
  const early = window.__tracelensEarlyTrace
  if (!early) return null
  delete window.__tracelensEarlyTrace
  const made = await early.request
  if (!made || made.url !== url || made.accept !== accept) {
    // asked for something else: let go of it
    early.abort()
    return null
  }
  if (signal.aborted) {
    early.abort()
    return null
  }
  signal.addEventListener('abort', early.abort, { once: true })
  try {
    return await made.response
  } catch {
    signal.removeEventListener('abort', early.abort)
    return null
  }
}
