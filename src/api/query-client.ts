import { QueryClient } from '@tanstack/react-query'
import { isApiError } from './errors'

/** Retries only transient failures (offline, timeout, 5xx, 429), at most twice. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (failureCount >= 2) return false
  return isApiError(error) && error.transient
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: shouldRetry,
        retryDelay: (attempt) => Math.min(500 * 2 ** attempt, 4000),
        refetchOnWindowFocus: false,
      },
    },
  })
}
