import type { SpanWire } from '../../src/api/schemas/trace'
import { HOSTILE_PAYLOAD_CHARS, HOSTILE_SERVICE, SKEW_US, SPECIAL_VARIANTS } from './catalogue'
import type { Incidents } from './incidents'
import { generateSpans, postTraceCapture } from './trace-gen'
import type { GenSpan } from './trace-gen'
import type { TraceKey } from './trace-id'
import type { GeneratedTrace } from './trace'
import type { World } from './world'

const CHECKOUT = 'api-gateway::POST /api/checkout'
const PANIC_OP = 'stock-service::ReserveStock'

const isServer = (s: SpanWire, service: string, name: string): boolean => s.kind === 'server' && s.service === service && s.name === name

function skew(spans: SpanWire[]): SpanWire[] {
  const target = spans.find((s) => isServer(s, 'checkout-bff', 'PlaceOrder'))
  const parent = spans.find((s) => s.spanId === target?.parentSpanId)
  if (!target || !parent) return spans
  const shift = target.startTime - parent.startTime + SKEW_US
  const moved = new Set<string>([target.spanId])
  // Spans are in depth-first order: a descendant always comes after its parent.
  return spans.map((s) => {
    if (s.parentSpanId !== null && moved.has(s.parentSpanId)) moved.add(s.spanId)
    if (!moved.has(s.spanId)) return s
    return { ...s, startTime: s.startTime - shift, events: s.events.map((e) => ({ ...e, time: e.time - shift })) }
  })
}

function orphan(spans: SpanWire[]): SpanWire[] {
  const target = spans.find((s) => isServer(s, 'checkout-bff', 'PlaceOrder'))
  return spans.filter((s) => s.spanId !== target?.parentSpanId)
}

function duplicate(spans: SpanWire[]): SpanWire[] {
  const i = spans.findIndex((s) => isServer(s, 'stock-service', 'ReserveStock'))
  if (i < 0) return spans
  return [...spans.slice(0, i + 1), { ...spans[i] }, ...spans.slice(i + 1)]
}

function hostile(spans: SpanWire[]): SpanWire[] {
  const payload = '<b>x</b>'.repeat(HOSTILE_PAYLOAD_CHARS / 8)
  return spans.map((s, i) => {
    const svc = s.service === 'stock-service' ? HOSTILE_SERVICE : s.service
    const tags = { ...s.tags, Comment: '<script>alert("tags")</script>' }
    if (i === 0) Object.assign(tags, { Payload: payload, UserAgent: '"><svg onload=alert(2)>' })
    return {
      ...s,
      service: svc,
      name: s.service === 'stock-service' ? `${s.name}<svg onload=alert(3)>` : s.name,
      resource: { ...s.resource, ServiceName: svc },
      tags,
      events: [
        ...s.events,
        ...(i % 3 === 0 ? [{ time: s.startTime + 1, name: 'log', attributes: { level: 'warn', message: '<iframe src="javascript:alert(4)"></iframe> & <b>unclosed' } }] : []),
      ],
    }
  })
}

const PRODUCT_PAGE = 'api-gateway::GET /api/products'
const SLOW_OP = 'mysql-orders::INSERT orders'
const ASYNC_FAILURE = 'invoice-service::consume order.created'
const RETRIED = 'session-service::GetSession'

/** Index of the first span of an operation (of a kind) in a drawn request. */
function firstOf(world: World, spans: GenSpan[], key: string, kind: GenSpan['kind']): number {
  const op = world.opByKey.get(key)?.idx
  return spans.findIndex((s) => s.op === op && s.kind === kind)
}

const clean = (spans: GenSpan[]): void => {
  for (const s of spans) Object.assign(s, { error: false, origin: false, panic: false, code: 200 })
}

/** Regenerates a catalogue trace: an incident-A checkout (or a product page), damaged or captured as catalogued. */
export function generateSpecial(world: World, inc: Incidents, key: TraceKey): GeneratedTrace | null {
  const variant = SPECIAL_VARIANTS[key.entry]
  if (!variant || variant === 'none') return null
  const entry = world.opByKey.get(variant === 'fanout' ? PRODUCT_PAGE : CHECKOUT)
  if (!entry) return null
  const base = { world, inc, entry: entry.idx, startMs: key.startMs, seed: key.seed, dc: 0, forceError: false }
  if (variant === 'posttrace-latency') {
    const drawn = generateSpans(base)
    const all = generateSpans({ ...base, forceSlowAt: firstOf(world, drawn, SLOW_OP, 'client') })
    clean(all)
    return { key, all, ...postTraceCapture(all) }
  }
  if (variant === 'posttrace-async') {
    const all = generateSpans({ ...base, forceOrigin: ASYNC_FAILURE })
    return { key, all, ...postTraceCapture(all) }
  }
  if (variant === 'fanout') {
    const drawn = generateSpans(base)
    const all = generateSpans({ ...base, forceErrorAt: firstOf(world, drawn, RETRIED, 'server') })
    return { key, all, kept: all, trigger: null, reason: null }
  }
  const failing = variant === 'posttrace' || variant === 'incident-a' || variant === 'duplicate'
  const all = generateSpans({ ...base, forceOrigin: failing ? PANIC_OP : undefined })
  // Keep the catalogue traces free of incidental failures so they fail exactly as described.
  if (!failing) clean(all)
  if (variant === 'posttrace') return { key, all, ...postTraceCapture(all) }
  const post = { skew, orphan, duplicate, hostile, 'incident-a': undefined }[variant]
  const warnings = variant === 'orphan' ? ['1 span references a parent that is not in the trace'] : []
  return { key, all, kept: all, trigger: null, reason: null, post, warnings }
}
