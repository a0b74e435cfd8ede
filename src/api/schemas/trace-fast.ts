/**
 * The trace answer validated by hand: the same rules as TraceResponseSchema (./trace.ts), checked
 * with plain loops because zod's per-field work dominates on traces of 100,000 spans.
 * Small traces go through zod itself; both report the first bad field by its path.
 */
import { zodOrHandChecked } from './hand-checked'
import type { Problem } from './hand-checked'
import { POSTTRACE_TRIGGERS, SAMPLING_MODES, SPAN_KINDS, SPAN_RELATIONS, SPAN_STATUSES } from '../../domain/model'
import { TraceResponseSchema } from './trace'

/** Above this many spans the hand-written check is used. */
export const FAST_PATH_SPANS = 2000

const kinds = new Set<string>(SPAN_KINDS)
const statuses = new Set<string>(SPAN_STATUSES)
const modes = new Set<string>(SAMPLING_MODES)
const relations = new Set<string>(SPAN_RELATIONS)
const triggers = new Set<string>(POSTTRACE_TRIGGERS)
export type { Problem }

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)
const isTag = (v: unknown) => typeof v === 'string' || typeof v === 'boolean' || isNum(v)

function checkRecord(v: unknown, ok: (x: unknown) => boolean, what: string): string | null {
  if (!isObj(v)) return 'expected an object'
  // Object.values is markedly quicker than for…in over 100,000 spans; the key is looked up only to name a bad one
  const values = Object.values(v)
  for (let i = 0; i < values.length; i++) {
    if (ok(values[i])) continue
    for (const k in v) if (!ok(v[k])) return `${k}: expected ${what}`
  }
  return null
}

/** The first bad field of one span (path relative to the span), or null. */
export function checkSpan(s: unknown): Problem | null {
  if (!isObj(s)) return { path: [], message: 'expected an object' }
  const str = (k: string, min = 0) => (typeof s[k] === 'string' && (s[k] as string).length >= min ? null : { path: [k], message: `expected a${min ? ' non-empty' : ''} string` })
  const p = str('traceId', 1) ?? str('spanId', 1) ?? str('name') ?? str('service')
  if (p) return p
  if (s.parentSpanId !== null && !(typeof s.parentSpanId === 'string' && s.parentSpanId.length > 0)) return { path: ['parentSpanId'], message: 'expected a non-empty string or null' }
  if (!kinds.has(s.kind as string)) return { path: ['kind'], message: 'invalid span kind' }
  if (!statuses.has(s.status as string)) return { path: ['status'], message: 'invalid span status' }
  if (s.parentRelation !== undefined && !relations.has(s.parentRelation as string)) return { path: ['parentRelation'], message: 'invalid parent relation' }
  if (!isNum(s.startTime)) return { path: ['startTime'], message: 'expected a number' }
  if (!isNum(s.duration) || s.duration < 0) return { path: ['duration'], message: 'expected a number ≥ 0' }
  const r = checkRecord(s.resource, (x) => typeof x === 'string', 'a string')
  if (r) return { path: ['resource'], message: r }
  const t = checkRecord(s.tags, isTag, 'a string, number or boolean')
  if (t) return { path: ['tags'], message: t }
  const m = checkRecord(s.metrics, isNum, 'a number')
  if (m) return { path: ['metrics'], message: m }
  if (!Array.isArray(s.events)) return { path: ['events'], message: 'expected an array' }
  for (let i = 0; i < s.events.length; i++) {
    const e: unknown = s.events[i]
    if (!isObj(e) || !isNum(e.time) || typeof e.name !== 'string') return { path: ['events', i], message: 'expected {time, name, attributes}' }
    const a = checkRecord(e.attributes, isTag, 'a string, number or boolean')
    if (a) return { path: ['events', i, 'attributes'], message: a }
  }
  return null
}

/** The warnings and sampling of a trace (paths relative to the trace), or null when they are fine. */
export function checkTraceHead(t: Record<string, unknown>): Problem | null {
  if (!Array.isArray(t.warnings) || t.warnings.some((w) => typeof w !== 'string')) return { path: ['warnings'], message: 'expected an array of strings' }
  const s = t.sampling
  if (!isObj(s) || !modes.has(s.mode as string)) return { path: ['sampling', 'mode'], message: 'invalid sampling mode' }
  if (!isNum(s.rate) || s.rate <= 0 || s.rate > 1) return { path: ['sampling', 'rate'], message: 'expected a number in (0, 1]' }
  if (s.samplerRate !== undefined && s.samplerRate !== null && (!isNum(s.samplerRate) || s.samplerRate <= 0 || s.samplerRate > 1))
    return { path: ['sampling', 'samplerRate'], message: 'expected a number in (0, 1], null or nothing' }
  if (s.rateKnown !== undefined && typeof s.rateKnown !== 'boolean') return { path: ['sampling', 'rateKnown'], message: 'expected a boolean or nothing' }
  if (s.triggerSpanId !== null && typeof s.triggerSpanId !== 'string') return { path: ['sampling', 'triggerSpanId'], message: 'expected a string or null' }
  if (s.triggerTime !== null && !isNum(s.triggerTime)) return { path: ['sampling', 'triggerTime'], message: 'expected a number or null' }
  if (s.triggerReason !== undefined && s.triggerReason !== null && !triggers.has(s.triggerReason as string)) return { path: ['sampling', 'triggerReason'], message: 'invalid PostTrace trigger' }
  if (s.triggerThreshold !== undefined && s.triggerThreshold !== null && !(isNum(s.triggerThreshold) && s.triggerThreshold >= 0)) return { path: ['sampling', 'triggerThreshold'], message: 'expected a number ≥ 0 or null' }
  return null
}

function checkTrace(body: unknown): Problem | null {
  if (!isObj(body) || !isObj(body.trace)) return { path: ['trace'], message: 'expected an object' }
  const t = body.trace
  if (typeof t.traceId !== 'string' || t.traceId.length === 0) return { path: ['trace', 'traceId'], message: 'expected a non-empty string' }
  const h = checkTraceHead(t)
  if (h) return { path: ['trace', ...h.path], message: h.message }
  if (!Array.isArray(t.spans)) return { path: ['trace', 'spans'], message: 'expected an array' }
  for (let i = 0; i < t.spans.length; i++) {
    const p = checkSpan(t.spans[i])
    if (p) return { path: ['trace', 'spans', i, ...p.path], message: p.message }
  }
  return null
}

/** GET /api/v1/traces/:traceId, validated by zod for small traces and by hand for large ones. */
export const TraceResponseFastSchema = zodOrHandChecked(TraceResponseSchema, {
  big: (body) => (isObj(body) && isObj(body.trace) && Array.isArray(body.trace.spans) ? body.trace.spans.length : 0) > FAST_PATH_SPANS,
  check: checkTrace,
})
