import { encodeTraceId, rateCodeOf } from './trace-id'
import type { WorldSamplingMode } from './trace-id'

/**
 * Special traces of the synthetic world, by id. Each is regenerated from its id like any other
 * trace; the damaged ones are damaged exactly as described here. Times sit just before
 * 2026-11-23T10:00:00Z, the instant end-to-end tests pin "now" to.
 */
export const CATALOGUE_BASE_MS = Date.parse('2026-11-23T09:50:00Z')

export const SPECIAL_VARIANTS = ['none', 'skew', 'orphan', 'duplicate', 'hostile', 'posttrace', 'incident-a', 'posttrace-latency', 'posttrace-async', 'fanout'] as const
export type SpecialVariant = (typeof SPECIAL_VARIANTS)[number]

const special = (variant: SpecialVariant, mode: WorldSamplingMode, offsetS: number): string =>
  encodeTraceId({
    kind: 3,
    startMs: CATALOGUE_BASE_MS + offsetS * 1000,
    entry: SPECIAL_VARIANTS.indexOf(variant),
    mode,
    dc: 0,
    rateCode: rateCodeOf(mode === 'posttrace' ? 0.005 : mode === 'dyed' ? 1 : 0.001),
    seed: 0x1234567 + SPECIAL_VARIANTS.indexOf(variant),
    forcedError: variant === 'posttrace' || variant === 'incident-a',
    forcedSlow: false,
    spanCount: 0,
  })

/** Clock skew: the checkout-bff "PlaceOrder" server span (and its subtree) starts SKEW_US before its parent client span. */
export const SKEWED_TRACE_ID = special('skew', 'probability', 0)
export const SKEW_US = 3000
/** Orphan: the api-gateway → checkout-bff client span was lost; the checkout-bff "PlaceOrder" span's parent is absent. */
export const ORPHAN_TRACE_ID = special('orphan', 'probability', 17)
/** Duplicate: the stock-service "ReserveStock" server span appears twice with the same spanId. */
export const DUPLICATE_SPAN_TRACE_ID = special('duplicate', 'probability', 34)
/**
 * Hostile: service names, span names, tags and event messages hold HTML and <script>; the root span's
 * tag "Payload" holds a string of HOSTILE_PAYLOAD_CHARS characters. A viewer must show it as text.
 */
export const HOSTILE_TRACE_ID = special('hostile', 'probability', 51)
export const HOSTILE_SERVICE = '<img src=x onerror="alert(1)">stock-service'
export const HOSTILE_PAYLOAD_CHARS = 1_048_576
/**
 * PostTrace: a checkout where stock-service "ReserveStock" panics; capture began at the panic, so
 * the earlier finished calls of order-service (GetUser, GetAddress) are absent; sampling.triggerSpanId
 * points at the ReserveStock server span.
 */
export const POSTTRACE_TRACE_ID = special('posttrace', 'posttrace', 68)
/**
 * Incident A error trace (complete, head-sampled): ReserveStock panics (origin) → order-service
 * CreateOrder (propagated) → checkout-bff PlaceOrder (converted to 502) → api-gateway "POST /api/checkout" (500).
 */
export const INCIDENT_A_TRACE_ID = special('incident-a', 'probability', 85)

/**
 * PostTrace by latency: a checkout captured when its mysql-orders "INSERT orders" call took longer
 * than the operation's threshold (sampling.triggerReason "latency", triggerThreshold in µs).
 */
export const POSTTRACE_LATENCY_TRACE_ID = special('posttrace-latency', 'posttrace', 102)
/**
 * PostTrace of async work: a checkout whose invoice-service consumer failed after the request had
 * answered; the capture starts at the consumer's failure, so the request's root is not captured.
 */
export const POSTTRACE_ASYNC_TRACE_ID = special('posttrace-async', 'posttrace', 119)
/**
 * Parallel fan-out with a retry (dyed, complete): a product page whose web-bff asks for the
 * session (first attempt fails, retried once with http.request.resend_count = 1), then for the
 * product, price, reviews and recommendations at once.
 */
export const FANOUT_TRACE_ID = special('fanout', 'dyed', 136)

export const BIG_TRACE_START_MS = Date.parse('2026-11-23T09:30:00Z')
export const MAX_BIG_TRACE_SPANS = 0xfffff

/** A batch job trace with exactly `spanCount` spans (1..1,048,575), regenerated on demand. */
export function bigTraceId(spanCount: number, startMs: number = BIG_TRACE_START_MS): string {
  const n = Math.max(1, Math.min(MAX_BIG_TRACE_SPANS, Math.floor(spanCount)))
  return encodeTraceId({ kind: 2, startMs, entry: 0, mode: 'probability', dc: 0, rateCode: 0, seed: (n * 2654435761) & 0xfffffff, forcedError: false, forcedSlow: false, spanCount: n })
}

/** Big trace shapes, by the `entry` field of a big trace's id. */
export const BIG_TRACE_SHAPES = ['batch', 'mixed'] as const

/**
 * A big trace of varied requests with exactly `spanCount` spans: the nightly report job paging
 * through a dozen requests of the world's entry operations per page, each page calling the next.
 * Two of these align into thousands of paths (the batch trace of `bigTraceId` has seven).
 */
export function bigMixedTraceId(spanCount: number, startMs: number = BIG_TRACE_START_MS): string {
  const n = Math.max(1, Math.min(MAX_BIG_TRACE_SPANS, Math.floor(spanCount)))
  return encodeTraceId({ kind: 2, startMs, entry: BIG_TRACE_SHAPES.indexOf('mixed'), mode: 'probability', dc: 0, rateCode: 0, seed: (n * 2246822519) & 0xfffffff, forcedError: false, forcedSlow: false, spanCount: n })
}

export interface CatalogueEntry {
  id: string
  name: string
  description: string
}

export const CATALOGUE: CatalogueEntry[] = [
  { id: SKEWED_TRACE_ID, name: 'clock skew', description: `checkout-bff PlaceOrder starts ${SKEW_US / 1000} ms before its parent` },
  { id: ORPHAN_TRACE_ID, name: 'orphan span', description: 'checkout-bff PlaceOrder has a parentSpanId that is not in the trace' },
  { id: DUPLICATE_SPAN_TRACE_ID, name: 'duplicated span', description: 'stock-service ReserveStock appears twice with the same spanId' },
  { id: HOSTILE_TRACE_ID, name: 'hostile strings', description: 'HTML and <script> in names, tags and events; a 1 MB tag' },
  { id: POSTTRACE_TRACE_ID, name: 'PostTrace', description: 'captured from the ReserveStock panic on; earlier finished calls absent' },
  { id: INCIDENT_A_TRACE_ID, name: 'incident A', description: 'ReserveStock panic propagating to POST /api/checkout' },
  { id: POSTTRACE_LATENCY_TRACE_ID, name: 'PostTrace by latency', description: 'captured when INSERT orders took longer than its threshold' },
  { id: POSTTRACE_ASYNC_TRACE_ID, name: 'PostTrace without root', description: 'captured when a consumer failed after the request had answered' },
  { id: FANOUT_TRACE_ID, name: 'parallel fan-out', description: 'product page: parts asked at once; a failed session call retried' },
  { id: bigTraceId(100_000), name: 'big trace', description: 'a batch job with 100,000 spans' },
]
