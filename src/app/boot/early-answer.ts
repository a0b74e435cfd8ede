import type { AnswerUnderWay } from '../../api/http/ndjson'
import type { EarlyTrace } from './early-trace'

/**
 * The boot hand-off of the early trace request (./early-trace.ts): takes what the page's first
 * script left on `window` (and removes it, so nothing else can), and returns it as the answer
 * under way that boot gives the trace loader (createQueryClient). That answer is handed over at
 * most once, only to a request for the same address and media type; the caller's abort signal
 * stops it. Anything else lets it go, and the caller asks for itself.
 */
export function earlyTraceHandOff(win: Window): AnswerUnderWay | undefined {
  const early = win.__tracelensEarlyTrace
  if (!early) return undefined
  delete win.__tracelensEarlyTrace
  let taken = false
  return async (url, accept, signal) => {
    if (taken) return null
    taken = true
    return takeOnce(early, url, accept, signal)
  }
}

/**
 * The boot hand-off of the reader worker the page's first script started beside a backend's
 * request (./early-trace.ts): call it before `earlyTraceHandOff`, which removes what that script
 * left. The function it returns gives that worker at most once (null once taken, or when none was
 * started); the trace loader takes it for its first read instead of starting a worker.
 */
export function earlyReaderHandOff(win: Window): () => Worker | null {
  const early = win.__tracelensEarlyTrace
  return () => {
    const reader = early?.reader ?? null
    if (early) early.reader = null
    return reader
  }
}

async function takeOnce(early: EarlyTrace, url: string, accept: string, signal: AbortSignal): Promise<Response | null> {
  const made = await early.request
  // a reader started for this answer but not taken by the time it is (the console had started its own) is of no use
  early.reader?.terminate()
  early.reader = null
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
