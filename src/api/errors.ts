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
  /** what a 429 or 503 answer's Retry-After header asks for, in ms; null without one */
  readonly retryAfterMs: number | null
  /** when that wait is over (Date.now() based); null without one */
  readonly retryAt: number | null

  constructor(init: {
    kind: ApiErrorKind
    message: string
    source: string
    url: string
    status?: number | null
    path?: string | null
    raw?: string | null
    retryAfterMs?: number | null
    /** when the wait is over, if known already (else now + retryAfterMs) */
    retryAt?: number | null
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
    this.retryAfterMs = init.retryAfterMs ?? null
    this.retryAt = this.retryAfterMs === null ? null : (init.retryAt ?? Date.now() + this.retryAfterMs)
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

/**
 * A Retry-After header (seconds, or an HTTP date) in ms from `nowMs`; null when absent or unreadable.
 * A date in the past counts as 0.
 */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (value === null) return null
  const v = value.trim()
  if (/^\d+$/.test(v)) return Number(v) * 1000
  const at = Date.parse(v)
  return Number.isFinite(at) ? Math.max(0, at - nowMs) : null
}

/** "30 s", "2 min 5 s": a wait as a person reads it. */
export function formatWait(ms: number): string {
  const s = Math.ceil(ms / 1000)
  if (s < 60) return `${s} s`
  const m = Math.floor(s / 60)
  return s % 60 ? `${m} min ${s % 60} s` : `${m} min`
}

