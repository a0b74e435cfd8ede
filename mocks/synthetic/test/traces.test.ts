// @vitest-environment node
import type { SpanWire, TraceWire } from '../../../src/api/schemas/trace'
import { TraceSchema } from '../../../src/api/schemas/trace'
import {
  bigMixedTraceId,
  bigTraceId,
  DUPLICATE_SPAN_TRACE_ID,
  HOSTILE_PAYLOAD_CHARS,
  HOSTILE_SERVICE,
  HOSTILE_TRACE_ID,
  INCIDENT_A_TRACE_ID,
  ORPHAN_TRACE_ID,
  POSTTRACE_TRACE_ID,
  SKEW_US,
  SKEWED_TRACE_ID,
} from '../catalogue'
import { searchTraces } from '../search'
import { buildTrace } from '../trace'
import { buildWorld } from '../world'
import { HOUR, MIN, NOW, pinnedWorld } from './fixtures'

const end = (s: SpanWire): number => s.startTime + s.duration

/** Problems that make a trace an invalid tree; consumer spans (async) may outlive their parent. */
function treeProblems(t: TraceWire): string[] {
  const problems: string[] = []
  const byId = new Map<string, SpanWire>()
  for (const s of t.spans) {
    if (byId.has(s.spanId)) problems.push(`duplicate ${s.spanId}`)
    byId.set(s.spanId, s)
  }
  const roots = t.spans.filter((s) => s.parentSpanId === null)
  if (roots.length !== 1) problems.push(`${roots.length} roots`)
  for (const s of t.spans) {
    if (s.parentSpanId === null) continue
    const p = byId.get(s.parentSpanId)
    if (!p) problems.push(`orphan ${s.spanId}`)
    else if (s.startTime < p.startTime) problems.push(`starts before parent ${s.spanId}`)
    else if (s.kind !== 'consumer' && end(s) > end(p)) problems.push(`ends after parent ${s.spanId}`)
  }
  return problems
}

function sampleTraces(count: number, filter: { status?: 'error'; sampling?: 'posttrace' } = {}): TraceWire[] {
  const { world, inc } = pinnedWorld()
  const { rows } = searchTraces(world, inc, { from: NOW - HOUR, to: NOW, tags: [], limit: count, ...filter })
  return rows.map((r) => {
    const t = buildTrace(r.id, world, inc)
    if (!t) throw new Error(`search returned ${r.id} but the trace endpoint does not`)
    return t
  })
}

describe('regenerable traces', () => {
  it('gives the same trace for the same id, and the same services for the same scale', () => {
    const [t] = sampleTraces(1)
    expect(JSON.stringify(buildTrace(t.traceId))).toBe(JSON.stringify(t))
    expect(JSON.stringify(buildWorld(41).services)).toBe(JSON.stringify(buildWorld(41).services))
  })

  it('answers null for ids it did not issue', () => {
    expect(buildTrace('0123456789abcdef0123456789abcdef')).toBeNull()
    expect(buildTrace('not-a-trace')).toBeNull()
  })

  it('returns valid trees that satisfy the wire schema', () => {
    const traces = sampleTraces(60)
    expect(traces.length).toBe(60)
    for (const t of traces) {
      expect(treeProblems(t)).toEqual([])
      TraceSchema.parse(t)
      expect(t.spans.every((s) => s.traceId === t.traceId && /^[0-9a-f]{32}$/.test(t.traceId))).toBe(true)
    }
  })

  it('carries the field names of the domain on every span', () => {
    const [t] = sampleTraces(1, { status: 'error' })
    for (const s of t.spans) {
      for (const f of ['ServiceName', 'Framework', 'DC', 'Cluster', 'DeployStage', 'IPV4', 'PodName', 'Env']) expect(s.resource[f]).toBeTruthy()
      for (const f of ['StatusCode', 'IsError', 'Latency', 'SendSize', 'RecvSize']) expect(s.tags[f]).toBeDefined()
      if (s.kind === 'client') for (const f of ['Method', 'ToService', 'ToMethod', 'ToServiceType', 'ToCluster', 'ToDc', 'ToAddr', 'BusinessStatusCode']) expect(s.tags[f]).toBeDefined()
    }
  })
})

describe('PostTrace', () => {
  it('keeps the trigger, its waiting callers and later calls; nothing that ended before the trigger', () => {
    const traces = sampleTraces(40, { sampling: 'posttrace' })
    expect(traces.length).toBeGreaterThan(5)
    for (const t of [...traces, buildTrace(POSTTRACE_TRACE_ID)!]) {
      const { triggerSpanId, triggerTime, triggerReason, triggerThreshold } = t.sampling
      const trigger = t.spans.find((s) => s.spanId === triggerSpanId)
      if (triggerReason === 'error') expect(trigger?.status).toBe('error')
      else expect(trigger!.duration).toBeGreaterThan(triggerThreshold!)
      expect(triggerTime).toBe(end(trigger!))
      const ancestors = new Set<string>()
      for (let p = trigger!.parentSpanId; p; p = t.spans.find((s) => s.spanId === p)?.parentSpanId ?? null) ancestors.add(p)
      const early = t.spans.filter((s) => end(s) < triggerTime! && !ancestors.has(s.spanId))
      expect(early).toEqual([])
      // a capture whose request had already answered (an async consumer failed later) has no root:
      // its oldest captured spans point at parents that finished before the trigger
      const problems = treeProblems(t)
      if (t.spans.some((s) => s.parentSpanId === null)) expect(problems).toEqual([])
      else expect(problems.every((p) => p === '0 roots' || p.startsWith('orphan '))).toBe(true)
    }
  })

  it('misses the calls that finished before the panic in the catalogued example', () => {
    const t = buildTrace(POSTTRACE_TRACE_ID)!
    const trigger = t.spans.find((s) => s.spanId === t.sampling.triggerSpanId)!
    expect([trigger.service, trigger.name]).toEqual(['stock-service', 'ReserveStock'])
    // order-service called address-service and checkout-bff called session-service before the panic.
    expect(t.spans.some((s) => s.service === 'address-service' || s.service === 'session-service')).toBe(false)
    // payment-service was called after it, and the callers still waiting are there.
    expect(t.spans.some((s) => s.service === 'payment-service')).toBe(true)
    expect(t.spans[0]).toMatchObject({ service: 'api-gateway', parentSpanId: null })
  })
})

describe('catalogue', () => {
  const span = (t: TraceWire, service: string, name: string): SpanWire[] => t.spans.filter((s) => s.kind === 'server' && s.service === service && s.name === name)

  it('skews exactly one span before its parent by the catalogued amount', () => {
    const t = buildTrace(SKEWED_TRACE_ID)!
    const [child] = span(t, 'checkout-bff', 'PlaceOrder')
    const parent = t.spans.find((s) => s.spanId === child.parentSpanId)!
    expect(parent.startTime - child.startTime).toBe(SKEW_US)
    expect(treeProblems(t)).toEqual([`starts before parent ${child.spanId}`])
  })

  it('loses exactly the parent of the orphan', () => {
    const t = buildTrace(ORPHAN_TRACE_ID)!
    const [orphan] = span(t, 'checkout-bff', 'PlaceOrder')
    expect(treeProblems(t)).toEqual([`orphan ${orphan.spanId}`])
  })

  it('duplicates exactly the ReserveStock span', () => {
    const t = buildTrace(DUPLICATE_SPAN_TRACE_ID)!
    const dups = span(t, 'stock-service', 'ReserveStock')
    expect(dups).toHaveLength(2)
    expect(dups[0].spanId).toBe(dups[1].spanId)
    expect(treeProblems(t)).toEqual([`duplicate ${dups[0].spanId}`])
  })

  it('carries HTML, script and a 1 MB string in the hostile trace', () => {
    const t = buildTrace(HOSTILE_TRACE_ID)!
    expect(t.spans.some((s) => s.service === HOSTILE_SERVICE)).toBe(true)
    expect(String(t.spans[0].tags.Payload)).toHaveLength(HOSTILE_PAYLOAD_CHARS)
    expect(t.spans.some((s) => String(s.tags.Comment).includes('<script>'))).toBe(true)
  })

  it('shows the incident-A chain: origin panic, propagated, converted to 502, entry 500', () => {
    const t = buildTrace(INCIDENT_A_TRACE_ID)!
    expect(treeProblems(t)).toEqual([])
    const [origin] = span(t, 'stock-service', 'ReserveStock')
    expect(origin.events.map((e) => e.name)).toContain('panic')
    expect(span(t, 'order-service', 'CreateOrder')[0].status).toBe('error')
    expect(span(t, 'checkout-bff', 'PlaceOrder')[0].tags.StatusCode).toBe(502)
    expect(t.spans[0]).toMatchObject({ service: 'api-gateway', name: 'POST /api/checkout', status: 'error' })
    expect(t.spans[0].tags.StatusCode).toBe(500)
  })

  it('generates big traces with exactly the asked number of spans', () => {
    for (const n of [1, 2, 5, 1000]) {
      const t = buildTrace(bigTraceId(n))!
      expect(t.spans).toHaveLength(n)
      expect(treeProblems(t)).toEqual([])
    }
  })

  it('generates mixed big traces with exactly the asked number of spans, a well-formed tree and thousands of distinct paths', () => {
    for (const n of [1, 2, 3, 40, 5000]) {
      const t = buildTrace(bigMixedTraceId(n))!
      expect(t.spans).toHaveLength(n)
      expect(TraceSchema.safeParse(t).success).toBe(true)
      expect(treeProblems(t)).toEqual([])
    }
    // paths: service and operation from the root, as the flame graph and the comparison group them
    const t = buildTrace(bigMixedTraceId(20_000))!
    const byId = new Map(t.spans.map((s) => [s.spanId, s]))
    const path = new Map<string, string>()
    const pathOf = (s: SpanWire): string => {
      let p = path.get(s.spanId)
      if (p === undefined) {
        const parent = s.parentSpanId === null ? undefined : byId.get(s.parentSpanId)
        p = `${parent ? pathOf(parent) : ''}/${s.service} ${s.name}`
        path.set(s.spanId, p)
      }
      return p
    }
    expect(new Set(t.spans.map(pathOf)).size).toBeGreaterThan(1000)
    expect(buildTrace(bigMixedTraceId(20_000))).toEqual(t)
  })
})

it('sees incident A in traces: failing checkouts are mostly PostTrace, rooted at the gateway', () => {
  const { world, inc } = pinnedWorld()
  const { rows } = searchTraces(world, inc, { from: inc.deployA + MIN, to: NOW, service: 'stock-service', operation: 'ReserveStock', status: 'error', tags: [], limit: 200 })
  const panics = rows.filter((r) => r.rootError)
  expect(panics.length).toBeGreaterThan(20)
  expect(panics.filter((r) => r.key.mode === 'posttrace').length).toBeGreaterThan(panics.length / 2)
  expect(new Set(panics.map((r) => r.summary.rootService))).toContain('api-gateway')
})

it('finds traces by a storage service and operation, which only callers record as client spans', () => {
  const { world, inc } = pinnedWorld()
  const { rows } = searchTraces(world, inc, { from: NOW - 10 * MIN, to: NOW, service: 'mysql-orders', operation: 'INSERT orders', tags: [], limit: 20 })
  expect(rows.length).toBeGreaterThan(0)
  const t = buildTrace(rows[0].id, world, inc)!
  expect(t.spans.some((s) => s.tags.ToService === 'mysql-orders' && s.name === 'INSERT orders')).toBe(true)
})
