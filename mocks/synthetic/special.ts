import type { SpanWire } from '../../src/api/schemas/trace'
import { HOSTILE_PAYLOAD_CHARS, HOSTILE_SERVICE, SKEW_US, SPECIAL_VARIANTS } from './catalogue'
import type { Incidents } from './incidents'
import { generateSpans, postTraceCapture } from './trace-gen'
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

/** Regenerates a catalogue trace: an incident-A checkout, damaged or captured as catalogued. */
export function generateSpecial(world: World, inc: Incidents, key: TraceKey): GeneratedTrace | null {
  const variant = SPECIAL_VARIANTS[key.entry]
  if (!variant || variant === 'none') return null
  const entry = world.opByKey.get(CHECKOUT)
  if (!entry) return null
  const failing = variant === 'posttrace' || variant === 'incident-a' || variant === 'duplicate'
  const all = generateSpans({ world, inc, entry: entry.idx, startMs: key.startMs, seed: key.seed, dc: 0, forceError: false, forceOrigin: failing ? PANIC_OP : undefined })
  // Keep the catalogue traces free of incidental failures so they fail exactly as described.
  if (!failing) for (const s of all) Object.assign(s, { error: false, origin: false, panic: false, code: 200 })
  if (variant === 'posttrace') {
    return { key, all, ...postTraceCapture(all) }
  }
  const post = { skew, orphan, duplicate, hostile, 'incident-a': undefined }[variant]
  const warnings = variant === 'orphan' ? ['1 span references a parent that is not in the trace'] : []
  return { key, all, kept: all, trigger: null, reason: null, post, warnings }
}
