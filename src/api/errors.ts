/**
 * Typed failures of the query client. Every one carries a message in plain words
 * that a view can show as is.
 */
export type ApiErrorKind = 'offline' | 'timeout' | 'http' | 'malformed' | 'aborted'

export class ApiError extends Error {
  readonly kind: ApiErrorKind
  /** the backend or source that failed, e.g. "synthetic backend", "Jaeger" */
  readonly source: string
  readonly url: string
  readonly status: number | null
  /** for malformed answers: where in the body the problem is, e.g. "traces[3].duration" */
  readonly path: string | null
  /** the answer's own text where the message does not quote it (an HTML error page) */
  readonly raw: string | null

  constructor(init: {
    kind: ApiErrorKind
    message: string
    source: string
    url: string
    status?: number | null
    path?: string | null
    raw?: string | null
    cause?: unknown
  }) {
    super(init.message, { cause: init.cause })
    this.name = 'ApiError'
    this.kind = init.kind
    this.source = init.source
    this.url = init.url
    this.status = init.status ?? null
    this.path = init.path ?? null
    this.raw = init.raw ?? null
  }

  /** Transient failures are worth retrying; a 4xx or a malformed answer is not. */
  get transient(): boolean {
    if (this.kind === 'offline' || this.kind === 'timeout') return true
    if (this.kind === 'http') return this.status === null || this.status >= 500 || this.status === 429
    return false
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError
}

/** Plain-words text for any error a view may catch. */
export function describeError(e: unknown): string {
  if (e instanceof ApiError) return e.message
  if (e instanceof Error && e.message) return e.message
  return 'Something went wrong, and no further detail is available.'
}
