import { JaegerTraceSchema } from '../formats/jaeger'
import type { JaegerTag } from '../formats/jaeger'
import { nanosToMicros, normalizeId, OtlpTracesSchema } from '../formats/otlp'
import type { OtlpKeyValueSchema } from '../formats/otlp'
import type { z } from 'zod'
import type { TagFilter } from './data-source'

/**
 * What a trace search can test on one span, read from the wire (OTLP JSON or Jaeger JSON) before any
 * mapping to console names: a user who filters on `http.request.method=GET` means the attribute the
 * backend stores. Used where a backend cannot apply a filter itself, so the console applies it to
 * what was fetched, with the same span-level meaning as the backend's own search.
 */
export interface SpanFacts {
  traceId: string
  service: string
  name: string
  /** µs */
  duration: number
  error: boolean
  /** every attribute of the span, its scope, its resource and its events, as text (a key may hold several values) */
  attrs: Map<string, string[]>
}

/** The conditions of a span-level search: one span of `service` must meet them all. */
export interface SpanCriteria {
  service: string
  operation?: string
  /** µs */
  minDuration?: number
  /** µs */
  maxDuration?: number
  error?: boolean
  tags?: readonly TagFilter[]
}

const add = (attrs: Map<string, string[]>, key: string, value: string) => {
  const list = attrs.get(key)
  if (list) list.push(value)
  else attrs.set(key, [value])
}

type OtlpKv = z.infer<typeof OtlpKeyValueSchema>
type OtlpValue = NonNullable<OtlpKv['value']>

/** OTLP value → text as Jaeger compares it (pcommon's AsString). */
function otlpText(v: OtlpValue | undefined): string | undefined {
  if (!v) return undefined
  if (v.stringValue !== undefined) return v.stringValue
  if (v.boolValue !== undefined) return String(v.boolValue)
  if (v.intValue !== undefined) return String(v.intValue)
  if (v.doubleValue !== undefined) return String(v.doubleValue)
  if (v.bytesValue !== undefined) return v.bytesValue
  return undefined
}

const addOtlp = (attrs: Map<string, string[]>, kvs: readonly OtlpKv[] | undefined) => {
  for (const kv of kvs ?? []) {
    const text = otlpText(kv.value)
    if (text !== undefined) add(attrs, kv.key, text)
  }
}

/** Span facts of an OTLP JSON document (Jaeger's v3 API, Tempo); an invalid document gives none. */
export function otlpSpanFacts(doc: unknown): SpanFacts[] {
  const parsed = OtlpTracesSchema.safeParse(doc)
  if (!parsed.success) return []
  const out: SpanFacts[] = []
  for (const rs of parsed.data.resourceSpans) {
    const resource = new Map<string, string[]>()
    addOtlp(resource, rs.resource?.attributes)
    const service = resource.get('service.name')?.[0] ?? 'unknown service'
    for (const ss of rs.scopeSpans ?? []) {
      for (const s of ss.spans ?? []) {
        const attrs = new Map<string, string[]>()
        addOtlp(attrs, s.attributes)
        for (const e of s.events ?? []) addOtlp(attrs, e.attributes)
        for (const [k, vs] of resource) for (const v of vs) add(attrs, k, v)
        const code = s.status?.code
        out.push({
          traceId: normalizeId(s.traceId),
          service,
          name: s.name,
          duration: Math.max(0, nanosToMicros(s.endTimeUnixNano) - nanosToMicros(s.startTimeUnixNano)),
          error: code === 2 || code === 'STATUS_CODE_ERROR',
          attrs,
        })
      }
    }
  }
  return out
}

const addJaeger = (attrs: Map<string, string[]>, tags: readonly JaegerTag[] | null | undefined) => {
  for (const t of tags ?? []) if (t.value !== null) add(attrs, t.key, String(t.value))
}

/** Span facts of the traces of Jaeger's classic JSON API; invalid traces give none. */
export function jaegerSpanFacts(traces: readonly unknown[]): SpanFacts[] {
  const out: SpanFacts[] = []
  for (const raw of traces) {
    const parsed = JaegerTraceSchema.safeParse(raw)
    if (!parsed.success) continue
    const t = parsed.data
    for (const s of t.spans) {
      const process = s.process ?? (s.processID ? t.processes?.[s.processID] : undefined)
      const attrs = new Map<string, string[]>()
      addJaeger(attrs, s.tags)
      for (const l of s.logs ?? []) addJaeger(attrs, l.fields)
      addJaeger(attrs, process?.tags)
      const error = (attrs.get('error') ?? []).includes('true') || (attrs.get('otel.status_code') ?? []).includes('ERROR')
      out.push({ traceId: s.traceID, service: process?.serviceName ?? 'unknown service', name: s.operationName, duration: s.duration, error, attrs })
    }
  }
  return out
}

/** Does this span meet every condition (the same test as Jaeger's and Tempo's span-level search)? */
export function spanMeets(s: SpanFacts, c: SpanCriteria): boolean {
  if (s.service !== c.service) return false
  if (c.operation !== undefined && s.name !== c.operation) return false
  if (c.minDuration !== undefined && s.duration < c.minDuration) return false
  if (c.maxDuration !== undefined && s.duration > c.maxDuration) return false
  if (c.error !== undefined && s.error !== c.error) return false
  return (c.tags ?? []).every((t) => (s.attrs.get(t.key) ?? []).includes(t.value))
}

/** The ids of the traces in which at least one span meets every condition. */
export function tracesMeeting(spans: readonly SpanFacts[], c: SpanCriteria): Set<string> {
  const ids = new Set<string>()
  for (const s of spans) if (!ids.has(s.traceId) && spanMeets(s, c)) ids.add(s.traceId)
  return ids
}
