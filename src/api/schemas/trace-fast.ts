/**
 * The trace answer validated by hand: the same rules as TraceResponseSchema (./trace.ts), checked
 * with plain loops because zod's per-field work dominates on traces of 100,000 spans.
 * Small traces go through zod itself; both report the first bad field by its path.
 */
import { zodOrHandChecked } from './hand-checked'
import type { Problem } from './hand-checked'
import { POSTTRACE_TRIGGERS, SAMPLING_MODES, SPAN_KINDS, SPAN_RELATIONS, SPAN_STATUSES } from '../../domain/model'
import { TraceResponseSchema } from './trace'
import { deferred } from './deferred'

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

/** The key of the first value of record `v` that is not `ok`, as zod names it; '' when `v` is no object; null when all are. */
function badKey(v: unknown, ok: (x: unknown) => boolean): string | null {
  if (!isObj(v)) return ''
  // Object.values is markedly quicker than for…in over 100,000 spans; the key is looked up only to name a bad one
  const values = Object.values(v)
  for (let i = 0; i < values.length; i++) {
    if (ok(values[i])) continue
    for (const k in v) if (!ok(v[k])) return k
  }
  return null
}

function checkRecord(v: unknown, name: string, ok: (x: unknown) => boolean, what: string): Problem | null {
  const k = badKey(v, ok)
  if (k === null) return null
  return k === '' ? { path: [name], message: 'expected an object' } : { path: [name, k], message: `expected ${what}` }
}

/** The first bad field of one span (path relative to the span), or null; fields in the schema's order, as zod reports the first. */
export function checkSpan(s: unknown): Problem | null {
  if (!isObj(s)) return { path: [], message: 'expected an object' }
  const str = (k: string, min = 0) => (typeof s[k] === 'string' && (s[k] as string).length >= min ? null : { path: [k], message: `expected a${min ? ' non-empty' : ''} string` })
  const p = str('traceId', 1) ?? str('spanId', 1)
  if (p) return p
  if (s.parentSpanId !== null && !(typeof s.parentSpanId === 'string' && s.parentSpanId.length > 0)) return { path: ['parentSpanId'], message: 'expected a non-empty string or null' }
  const name = str('name')
  if (name) return name
  if (!kinds.has(s.kind as string)) return { path: ['kind'], message: 'invalid span kind' }
  const service = str('service')
  if (service) return service
  if (!isNum(s.startTime)) return { path: ['startTime'], message: 'expected a number' }
  if (!isNum(s.duration) || s.duration < 0) return { path: ['duration'], message: 'expected a number ≥ 0' }
  if (!statuses.has(s.status as string)) return { path: ['status'], message: 'invalid span status' }
  const r = checkRecord(s.resource, 'resource', (x) => typeof x === 'string', 'a string')
  if (r) return r
  const t = checkRecord(s.tags, 'tags', isTag, 'a string, number or boolean')
  if (t) return t
  if (!Array.isArray(s.events)) return { path: ['events'], message: 'expected an array' }
  for (let i = 0; i < s.events.length; i++) {
    const e: unknown = s.events[i]
    if (!isObj(e)) return { path: ['events', i], message: 'expected {time, name, attributes}' }
    if (!isNum(e.time)) return { path: ['events', i, 'time'], message: 'expected a number' }
    if (typeof e.name !== 'string') return { path: ['events', i, 'name'], message: 'expected a string' }
    const a = checkRecord(e.attributes, 'attributes', isTag, 'a string, number or boolean')
    if (a) return { path: ['events', i, ...a.path], message: a.message }
  }
  const m = checkRecord(s.metrics, 'metrics', isNum, 'a number')
  if (m) return m
  if (s.parentRelation !== undefined && !relations.has(s.parentRelation as string)) return { path: ['parentRelation'], message: 'invalid parent relation' }
  return null
}

/** The sampling, then the warnings, of a trace (paths relative to the trace), or null when they are fine. */
export function checkTraceHead(t: Record<string, unknown>): Problem | null {
  const s = t.sampling
  if (!isObj(s)) return { path: ['sampling'], message: 'expected an object' }
  if (!modes.has(s.mode as string)) return { path: ['sampling', 'mode'], message: 'invalid sampling mode' }
  if (!isNum(s.rate) || s.rate <= 0 || s.rate > 1) return { path: ['sampling', 'rate'], message: 'expected a number in (0, 1]' }
  if (s.samplerRate !== undefined && s.samplerRate !== null && (!isNum(s.samplerRate) || s.samplerRate <= 0 || s.samplerRate > 1))
    return { path: ['sampling', 'samplerRate'], message: 'expected a number in (0, 1], null or nothing' }
  if (s.rateKnown !== undefined && typeof s.rateKnown !== 'boolean') return { path: ['sampling', 'rateKnown'], message: 'expected a boolean or nothing' }
  if (s.triggerSpanId !== null && typeof s.triggerSpanId !== 'string') return { path: ['sampling', 'triggerSpanId'], message: 'expected a string or null' }
  if (s.triggerTime !== null && !isNum(s.triggerTime)) return { path: ['sampling', 'triggerTime'], message: 'expected a number or null' }
  if (s.triggerReason !== undefined && s.triggerReason !== null && !triggers.has(s.triggerReason as string)) return { path: ['sampling', 'triggerReason'], message: 'invalid PostTrace trigger' }
  if (s.triggerThreshold !== undefined && s.triggerThreshold !== null && !(isNum(s.triggerThreshold) && s.triggerThreshold >= 0)) return { path: ['sampling', 'triggerThreshold'], message: 'expected a number ≥ 0 or null' }
  if (!Array.isArray(t.warnings)) return { path: ['warnings'], message: 'expected an array' }
  for (let i = 0; i < t.warnings.length; i++) if (typeof t.warnings[i] !== 'string') return { path: ['warnings', i], message: 'expected a string' }
  return null
}

/** The first bad field of a whole trace answer (GET /api/v1/traces/:id), by the rules of TraceResponseSchema. */
export function checkTraceResponse(body: unknown): Problem | null {
  if (!isObj(body) || !isObj(body.trace)) return { path: ['trace'], message: 'expected an object' }
  const t = body.trace
  if (typeof t.traceId !== 'string' || t.traceId.length === 0) return { path: ['trace', 'traceId'], message: 'expected a non-empty string' }
  if (!Array.isArray(t.spans)) return { path: ['trace', 'spans'], message: 'expected an array' }
  for (let i = 0; i < t.spans.length; i++) {
    const p = checkSpan(t.spans[i])
    if (p) return { path: ['trace', 'spans', i, ...p.path], message: p.message }
  }
  const h = checkTraceHead(t)
  if (h) return { path: ['trace', ...h.path], message: h.message }
  return null
}

/** GET /api/v1/traces/:traceId, validated by zod for small traces and by hand for large ones. */
export const TraceResponseFastSchema = deferred(() => zodOrHandChecked(TraceResponseSchema, {
  big: (body) => (isObj(body) && isObj(body.trace) && Array.isArray(body.trace.spans) ? body.trace.spans.length : 0) > FAST_PATH_SPANS,
  check: checkTraceResponse,
}))
