import type { AnswerUnderWay } from '../../api/http/ndjson'
import type { EarlyTrace } from './early-trace'

/** What boot hands the trace loader from the page's first script (see earlyTraceHandOff). */
export interface EarlyHandOff {
  /** the early answer, handed over at most once, only to a request for the same address and media type */
  underWay: AnswerUnderWay
  /**
   * The reader worker started beside a backend's request, given at most once (null once taken,
   * or when none was started): the trace loader's first read takes it instead of starting one.
   */
  reader: () => Worker | null
}

/**
 * The boot hand-off of the early trace request (./early-trace.ts): takes what the page's first
 * script left on `window` (and removes it, so nothing else can), and returns the answer under way
 * and the reader worker that boot gives the trace loader (createQueryClient). The caller's abort
 * signal stops the answer; a request for anything else lets it go, and the caller asks for itself.
 */
export function earlyTraceHandOff(win: Window): EarlyHandOff | undefined {
  const early = win.__tracelensEarlyTrace
  if (!early) return undefined
  delete win.__tracelensEarlyTrace
  let taken = false
  return {
    underWay: async (url, accept, signal) => {
      if (taken) return null
      taken = true
      return takeOnce(early, url, accept, signal)
    },
    reader: () => {
      const reader = early.reader
      early.reader = null
      return reader
    },
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
