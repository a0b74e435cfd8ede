/**
 * The page's first script (bundled into index.html by vite.config.ts, earlyTrace): the early trace
 * request of ../early-trace.ts. A failure here must never stop the console from booting; the
 * console then asks for the trace itself.
 */
import { EARLY_TRACE_SETTINGS, startEarlyTrace } from '../early-trace'

/** The built reader worker's address, written by the build (vite.config.ts, earlyTrace); '' when there is none. */
declare const __TRACELENS_READER_WORKER__: string

try {
  startEarlyTrace(window, EARLY_TRACE_SETTINGS, __TRACELENS_READER_WORKER__ || undefined)
} catch {
  // nothing left on window: the trace loader asks the source as usual
}
