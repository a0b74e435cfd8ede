import { QueryClient } from '@tanstack/react-query'
import type { DefaultOptions } from '@tanstack/react-query'
import { isApiError } from './errors'
import { TraceLoader } from './trace-loading/trace-loader'
import type { TraceBootHandOff } from './trace-loading/trace-loader'

/**
 * Retries only transient failures (offline, timeout, 5xx, 429), at most twice, and never an answer
 * that asked to wait (429 or 503 with Retry-After): asking again at once is what a rate limit
 * refuses, so the failure is shown with the wait it asked for, and live views wait that long
 * before their next refresh (`refreshAfter`).
 */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (failureCount >= 2) return false
  return isApiError(error) && error.transient && error.retryAfterMs === null
}

/**
 * A live view's refresh interval that honours Retry-After: after an answer that asked to wait,
 * the next refresh comes when the wait is over (if later than the usual interval).
 */
export function refreshAfter(intervalMs: number) {
  return (query: { state: { error: unknown; errorUpdatedAt: number; status: string } }): number => {
    const e = query.state.error
    if (query.state.status !== 'error' || !isApiError(e) || e.retryAfterMs === null) return intervalMs
    return Math.max(intervalMs, query.state.errorUpdatedAt + e.retryAfterMs - Date.now())
  }
}

/** The console's QueryClient: TanStack's, with the trace loader whose state lives as long as its cache. */
export class ConsoleQueryClient extends QueryClient {
  readonly traces: TraceLoader

  /** `queries` overrides the query defaults (tests turn retries off) */
  constructor(boot: TraceBootHandOff = {}, queries: DefaultOptions['queries'] = {}) {
    super({
      defaultOptions: {
        queries: {
          retry: shouldRetry,
          retryDelay: (attempt) => Math.min(500 * 2 ** attempt, 4000),
          refetchOnWindowFocus: false,
          ...queries,
        },
      },
    })
    this.traces = new TraceLoader(boot)
  }
}

/** A new client; boot passes what it has started for the first trace (see TraceBootHandOff). */
export function createQueryClient(boot: TraceBootHandOff = {}): ConsoleQueryClient {
  return new ConsoleQueryClient(boot)
}

/** The trace loader of `client`, which must be one createQueryClient made. */
export function traceLoaderOf(client: QueryClient): TraceLoader {
  if (client instanceof ConsoleQueryClient) return client.traces
  throw new Error('Traces are loaded through a client made by createQueryClient() (src/api/query-client.ts).')
}
