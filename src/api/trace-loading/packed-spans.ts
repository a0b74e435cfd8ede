/**
 * Spans in a compact, transferable form: how the thread that read a trace (a file reader, a
 * backend answer's worker) hands a block of spans to the page. Numbers go in typed arrays that are
 * moved, not copied; every string of the block (ids, names, services, tag keys and string values)
 * is written once in the block's string table and named by its index; a resource shared by many
 * spans (a Jaeger process, an OTLP resource) is written once and the page's spans share one record
 * for it. The page makes its Span objects from these without parsing or checking anything again:
 * the reader already checked the answer.
 *
 * Per span, in `ints` (SPAN_INTS each): traceId, spanId, parentSpanId (-1: none), name, service
 * (string indexes), kind, status, relation (-1: none, else index into SPAN_RELATIONS), resource
 * (index into the block's resources), tag count, metric count, event count; in `times`: start,
 * duration. Tags, metrics, then each event's attributes follow one another in the entry arrays
 * (`keys`, `types`, `values`); each event has its time in `eventTimes` and its name and attribute
 * count in `eventInts`.
 */
import { SPAN_KINDS, SPAN_RELATIONS, SPAN_STATUSES } from '../../domain/model'
import type { Span, SpanEvent, TagValue } from '../../domain/model'
import { dataRecord, putData } from '../../lib/records'

/** Whether two records hold the same keys with the same values. */
function sameRecord(a: Record<string, string>, b: Record<string, string>): boolean {
  if (a === b) return true
  let n = 0
  for (const key in a) {
    if (b[key] !== a[key] || !Object.prototype.hasOwnProperty.call(b, key)) return false
    n++
  }
  for (const key in b) if (--n < 0 || !Object.prototype.hasOwnProperty.call(a, key)) return false
  return n === 0
}

const SPAN_INTS = 12
const STRING = 0
const NUMBER = 1
const TRUE = 2
const FALSE = 3

export interface PackedSpans {
  count: number
  strings: string[]
  /** each resource as [key, value, key, value, …] string indexes */
  resources: Int32Array[]
  ints: Int32Array
  times: Float64Array
  keys: Int32Array
  /** 0 string (value: string index), 1 number, 2 true, 3 false */
  types: Uint8Array
  values: Float64Array
  eventTimes: Float64Array
  eventInts: Int32Array
}

class GrowingNumbers {
  length = 0
  constructor(private data: Float64Array | Int32Array | Uint8Array) {}
  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = new (this.data.constructor as Float64ArrayConstructor)(this.data.length * 2 || 64)
      bigger.set(this.data)
      this.data = bigger
    }
    this.data[this.length++] = v
  }
  done<T extends Float64Array | Int32Array | Uint8Array>(): T {
    return this.data.slice(0, this.length) as T
  }
}

/** Packs `spans` (one block); transfer the result's buffers (packedSpanBuffers). */
export function packSpans(spans: readonly Span[]): PackedSpans {
  const strings: string[] = []
  const index = new Map<string, number>()
  const str = (s: string): number => {
    let i = index.get(s)
    if (i === undefined) {
      i = strings.length
      strings.push(s)
      index.set(s, i)
    }
    return i
  }
  const resources: Int32Array[] = []
  const n = spans.length
  const ints = new Int32Array(n * SPAN_INTS)
  const times = new Float64Array(n * 2)
  const keys = new GrowingNumbers(new Int32Array(n * 8))
  const types = new GrowingNumbers(new Uint8Array(n * 8))
  const values = new GrowingNumbers(new Float64Array(n * 8))
  const eventTimes = new GrowingNumbers(new Float64Array(16))
  const eventInts = new GrowingNumbers(new Int32Array(32))
  const entry = (key: string, v: TagValue) => {
    keys.push(str(key))
    if (typeof v === 'string') {
      types.push(STRING)
      values.push(str(v))
    } else if (typeof v === 'number') {
      types.push(NUMBER)
      values.push(v)
    } else {
      types.push(v ? TRUE : FALSE)
      values.push(0)
    }
  }
  // The resource last seen for each service: a resource shared by many spans (a Jaeger process)
  // is the same object; one parsed anew for every span (a streamed answer) mostly has the same
  // content as that of the service's previous span. Otherwise its content is looked up by a hash
  // of its string indexes (no key string is built).
  const lastOfService = new Map<string, { resource: Record<string, string>; index: number }>()
  const byHash = new Map<number, number[]>()
  const pairs: number[] = []
  const sameAsPairs = (r: number): boolean => {
    const known = resources[r]
    if (known.length !== pairs.length) return false
    for (let i = 0; i < pairs.length; i++) if (known[i] !== pairs[i]) return false
    return true
  }
  for (let k = 0; k < n; k++) {
    const s = spans[k]
    const seen = lastOfService.get(s.service)
    let r = seen && (seen.resource === s.resource || sameRecord(s.resource, seen.resource)) ? seen.index : -1
    if (r === -1) {
      pairs.length = 0
      let hash = 0
      for (const key in s.resource) {
        const a = str(key)
        const b = str(s.resource[key])
        pairs.push(a, b)
        hash = (Math.imul(hash, 31) + a) | 0
        hash = (Math.imul(hash, 31) + b) | 0
      }
      const candidates = byHash.get(hash)
      r = candidates?.find(sameAsPairs) ?? -1
      if (r === -1) {
        r = resources.length
        resources.push(Int32Array.from(pairs))
        if (candidates) candidates.push(r)
        else byHash.set(hash, [r])
      }
    }
    if (seen === undefined) lastOfService.set(s.service, { resource: s.resource, index: r })
    else if (seen.resource !== s.resource) {
      seen.resource = s.resource
      seen.index = r
    }
    const o = k * SPAN_INTS
    ints[o] = str(s.traceId)
    ints[o + 1] = str(s.spanId)
    ints[o + 2] = s.parentSpanId === null ? -1 : str(s.parentSpanId)
    ints[o + 3] = str(s.name)
    ints[o + 4] = str(s.service)
    ints[o + 5] = SPAN_KINDS.indexOf(s.kind)
    ints[o + 6] = SPAN_STATUSES.indexOf(s.status)
    ints[o + 7] = s.parentRelation === undefined ? -1 : SPAN_RELATIONS.indexOf(s.parentRelation)
    ints[o + 8] = r
    let tags = 0
    for (const key in s.tags) {
      entry(key, s.tags[key])
      tags++
    }
    let metrics = 0
    for (const key in s.metrics) {
      entry(key, s.metrics[key])
      metrics++
    }
    ints[o + 9] = tags
    ints[o + 10] = metrics
    ints[o + 11] = s.events.length
    for (const e of s.events) {
      let attrs = 0
      for (const key in e.attributes) {
        entry(key, e.attributes[key])
        attrs++
      }
      eventTimes.push(e.time)
      eventInts.push(str(e.name))
      eventInts.push(attrs)
    }
    times[k * 2] = s.startTime
    times[k * 2 + 1] = s.duration
  }
  return {
    count: n,
    strings,
    resources,
    ints,
    times,
    keys: keys.done(),
    types: types.done(),
    values: values.done(),
    eventTimes: eventTimes.done(),
    eventInts: eventInts.done(),
  }
}

/** The buffers of a packed block, to transfer rather than copy. */
export function packedSpanBuffers(p: PackedSpans): ArrayBuffer[] {
  const arrays = [p.ints, p.times, p.keys, p.types, p.values, p.eventTimes, p.eventInts, ...p.resources]
  return arrays.map((a) => a.buffer).filter((b): b is ArrayBuffer => b instanceof ArrayBuffer)
}

/** The spans of a packed block, appended to `out`. Throws when the block does not read back (a broken hand-over). */
export function unpackSpans(p: PackedSpans, out: Span[]): void {
  const { strings, ints, times, keys, types, values, eventTimes, eventInts } = p
  const resources = p.resources.map((pairs) => {
    const rec = dataRecord<string>()
    for (let i = 0; i < pairs.length; i += 2) putData(rec, strings[pairs[i]], strings[pairs[i + 1]])
    return rec
  })
  let at = 0
  let ev = 0
  const value = (i: number): TagValue => {
    const t = types[i]
    return t === STRING ? strings[values[i]] : t === NUMBER ? values[i] : t === TRUE
  }
  for (let k = 0; k < p.count; k++) {
    const o = k * SPAN_INTS
    const tags = dataRecord<TagValue>()
    for (let end = at + ints[o + 9]; at < end; at++) putData(tags, strings[keys[at]], value(at))
    const metrics = dataRecord<number>()
    for (let end = at + ints[o + 10]; at < end; at++) putData(metrics, strings[keys[at]], values[at])
    const eventCount = ints[o + 11]
    const events: SpanEvent[] = new Array<SpanEvent>(eventCount)
    for (let e = 0; e < eventCount; e++, ev++) {
      const attributes = dataRecord<TagValue>()
      for (let end = at + eventInts[ev * 2 + 1]; at < end; at++) putData(attributes, strings[keys[at]], value(at))
      events[e] = { time: eventTimes[ev], name: strings[eventInts[ev * 2]], attributes }
    }
    const parent = ints[o + 2]
    const relation = ints[o + 7]
    const resource = resources[ints[o + 8]]
    const kind = SPAN_KINDS[ints[o + 5]]
    const status = SPAN_STATUSES[ints[o + 6]]
    if (resource === undefined || kind === undefined || status === undefined) throw new Error(`span ${out.length + 1} of the block does not read back`)
    const span: Span = {
      traceId: strings[ints[o]],
      spanId: strings[ints[o + 1]],
      parentSpanId: parent === -1 ? null : strings[parent],
      name: strings[ints[o + 3]],
      kind,
      service: strings[ints[o + 4]],
      startTime: times[k * 2],
      duration: times[k * 2 + 1],
      status,
      resource,
      tags,
      events,
      metrics,
    }
    if (relation !== -1) span.parentRelation = SPAN_RELATIONS[relation]
    out.push(span)
  }
  if (at !== keys.length || ev !== eventTimes.length) throw new Error('a block of spans does not read back: its entries do not add up')
}
