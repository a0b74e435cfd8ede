// @vitest-environment node
import type { SpanWire, TraceWire } from '../../../src/api/schemas/trace'
import { FANOUT_TRACE_ID, POSTTRACE_ASYNC_TRACE_ID, POSTTRACE_LATENCY_TRACE_ID } from '../catalogue'
import { rowOf, searchTraces } from '../search'
import { materialize } from '../spans'
import { buildTopology } from '../topology'
import { buildTrace, generateFromKey } from '../trace'
import { decodeTraceId } from '../trace-id'
import { generateSpans } from '../trace-gen'
import type { GenSpan } from '../trace-gen'
import { entryRate, slotOf, slotState, SLOT_MS } from '../traffic'
import { buildWorld } from '../world'
import { HOUR, MIN, NOW, pinnedWorld } from './fixtures'

const end = (s: { startTime: number; duration: number }): number => s.startTime + s.duration
const QUIET = NOW - 3 * HOUR

function tracesOf(service: string, operation: string, from = QUIET, to = QUIET + 20 * MIN, limit = 40): TraceWire[] {
  const { world, inc } = pinnedWorld()
  const { rows } = searchTraces(world, inc, { from, to, service, operation, tags: [], limit })
  return rows.map((r) => buildTrace(r.id, world, inc)!)
}

/** The client spans a server span made to `toService`/`toMethod`, in start order. */
function callsTo(t: TraceWire, parent: SpanWire, toService: string, toMethod: string): SpanWire[] {
  return t.spans.filter((s) => s.parentSpanId === parent.spanId && s.kind === 'client' && s.tags.ToService === toService && s.tags.ToMethod === toMethod).sort((a, b) => a.startTime - b.startTime)
}

describe('parallel fan-outs', () => {
  it('search-bff Search asks for every result price at once; web-bff GetCart one item after the other', () => {
    const searches = tracesOf('search-bff', 'Search').flatMap((t) => t.spans.filter((s) => s.kind === 'server' && s.name === 'Search').map((s) => callsTo(t, s, 'pricing-service', 'GetPrice')))
    const fanOuts = searches.filter((calls) => calls.length >= 3)
    expect(fanOuts.length).toBeGreaterThan(10)
    for (const calls of fanOuts) {
      // all started before the first one answered: they overlap
      const firstEnd = Math.min(...calls.map(end))
      expect(calls.every((c) => c.startTime < firstEnd)).toBe(true)
    }
    const carts = tracesOf('web-bff', 'GetCart').flatMap((t) => t.spans.filter((s) => s.kind === 'server' && s.name === 'GetCart' && s.service === 'web-bff').map((s) => callsTo(t, s, 'pricing-service', 'GetPrice')))
    const sequential = carts.filter((calls) => calls.length >= 2)
    expect(sequential.length).toBeGreaterThan(10)
    for (const calls of sequential) for (let i = 1; i < calls.length; i++) expect(calls[i].startTime).toBeGreaterThanOrEqual(end(calls[i - 1]))
  })

  it('a product page waits for the slowest of its parallel parts, not their sum', () => {
    const pages = tracesOf('web-bff', 'GetProductPage', QUIET, QUIET + 10 * MIN)
    expect(pages.length).toBeGreaterThan(10)
    for (const t of pages) {
      const page = t.spans.find((s) => s.kind === 'server' && s.name === 'GetProductPage')!
      const parts = t.spans.filter((s) => s.parentSpanId === page.spanId && ['product-service', 'pricing-service', 'review-service', 'recommendation-service'].includes(String(s.tags.ToService)))
      const session = t.spans.filter((s) => s.parentSpanId === page.spanId && s.tags.ToService === 'session-service')
      expect(parts.every((p) => p.startTime >= Math.max(...session.map(end)))).toBe(true)
      const starts = parts.map((p) => p.startTime)
      expect(Math.max(...starts) - Math.min(...starts)).toBeLessThan(100)
      expect(end(page)).toBeGreaterThanOrEqual(Math.max(...parts.map(end)))
    }
  })
})

describe('async work', () => {
  it('consumer spans follow from the producer span and start after the message was published', () => {
    const checkouts = tracesOf('api-gateway', 'POST /api/checkout', QUIET, QUIET + 10 * MIN, 20)
    const consumers = checkouts.flatMap((t) => t.spans.filter((s) => s.kind === 'consumer').map((s) => ({ s, parent: t.spans.find((p) => p.spanId === s.parentSpanId)! })))
    expect(consumers.length).toBeGreaterThan(20)
    for (const { s, parent } of consumers) {
      expect(s.parentRelation).toBe('follows_from')
      expect(parent.kind).toBe('producer')
      expect(s.startTime).toBeGreaterThanOrEqual(end(parent))
    }
    const synchronous = checkouts.flatMap((t) => t.spans.filter((s) => s.kind !== 'consumer'))
    expect(synchronous.every((s) => s.parentRelation === undefined)).toBe(true)
  })

  it('a failing consumer never fails the producer nor the request that published the message', () => {
    const { world, inc } = pinnedWorld()
    const entry = world.opByKey.get('api-gateway::POST /api/checkout')!
    const consumer = world.opByKey.get('invoice-service::consume order.created')!
    let failedConsumers = 0
    for (let seed = 1; seed <= 60; seed++) {
      const spans = generateSpans({ world, inc, entry: entry.idx, startMs: QUIET, seed, dc: 0, forceError: false, forceOrigin: consumer.key })
      const inConsumer = new Set<number>()
      for (const s of spans) if ((s.kind === 'consumer' && s.op === consumer.idx) || inConsumer.has(s.parent)) inConsumer.add(s.idx)
      failedConsumers += spans.filter((s) => s.kind === 'consumer' && s.op === consumer.idx && s.error).length
      const otherOrigins = spans.filter((s) => s.origin && !inConsumer.has(s.idx))
      for (const p of spans.filter((s) => s.kind === 'producer')) expect(p.error).toBe(p.origin)
      if (otherOrigins.length === 0) expect(spans[0].error).toBe(false)
    }
    expect(failedConsumers).toBeGreaterThanOrEqual(60)
  })
})

describe('client retries', () => {
  it('retries a failed call once, marking the retry with http.request.resend_count = 1', () => {
    const { world, inc } = pinnedWorld()
    const entry = world.opByKey.get('api-gateway::GET /api/products')!
    for (let seed = 1; seed <= 20; seed++) {
      const all = generateSpans({ world, inc, entry: entry.idx, startMs: QUIET, seed, dc: 0, forceError: false, forceOrigin: 'session-service::GetSession' })
      const spans = materialize(world, inc, 'f'.repeat(32), seed, all, all)
      const page = spans.find((s) => s.kind === 'server' && s.name === 'GetProductPage')!
      const sessions = spans.filter((s) => s.parentSpanId === page.spanId && s.tags.ToService === 'session-service')
      expect(sessions).toHaveLength(2)
      const [first, retry] = sessions
      expect(first.status).toBe('error')
      expect(first.tags['http.request.resend_count']).toBeUndefined()
      expect(retry.tags['http.request.resend_count']).toBe(1)
      expect(retry.startTime).toBeGreaterThan(end(first))
    }
  })

  it('never marks calls without a retry policy, and real retries exist in sampled error traces', () => {
    const { world, inc } = pinnedWorld()
    const { rows } = searchTraces(world, inc, { from: QUIET, to: QUIET + HOUR, service: 'web-bff', status: 'error', tags: [], limit: 400 })
    const traces = rows.map((r) => buildTrace(r.id, world, inc)!)
    const retries = traces.flatMap((t) => t.spans.filter((s) => s.tags['http.request.resend_count'] === 1).map((s) => ({ t, s })))
    expect(retries.length).toBeGreaterThan(0)
    const retried = new Set(['session-service', 'product-service', 'search-service'])
    for (const { t, s } of retries) {
      expect(s.service).toMatch(/-bff$/)
      expect(retried.has(String(s.tags.ToService))).toBe(true)
      const earlier = t.spans.filter((x) => x.parentSpanId === s.parentSpanId && x.tags.ToService === s.tags.ToService && x.tags.ToMethod === s.tags.ToMethod && end(x) < s.startTime)
      expect(earlier.some((x) => x.status === 'error')).toBe(true)
    }
  })

  it('metrics count every attempt: per-request calls and failure rates match the traces drawn', () => {
    const { inc } = pinnedWorld()
    // a world where the session store fails a quarter of the time, with one entry
    const world = buildWorld()
    const session = world.opByKey.get('session-service::GetSession')!
    session.baseErr = 0.25
    const entry = world.opByKey.get('api-gateway::GET /api/products')!
    world.entries = [entry.idx]
    const slot = slotOf(QUIET)
    const ms = slot * SLOT_MS + SLOT_MS / 2
    const st = slotState(world, slot, inc)
    expect(st.rate[entry.idx]).toBeCloseTo(entryRate(entry, slot), 9)
    const n = 2500
    let sessions = 0
    let sessionErrors = 0
    let pages = 0
    let pageErrors = 0
    for (let seed = 1; seed <= n; seed++) {
      // requests enter the DCs in their traffic shares (45 / 30 / 25 %): clusters fail at different rates
      const dc = seed % 20 < 9 ? 0 : seed % 20 < 15 ? 1 : 2
      const spans: GenSpan[] = generateSpans({ world, inc, entry: entry.idx, startMs: ms, seed, dc, forceError: false })
      for (const s of spans) {
        if (s.kind !== 'server') continue
        if (s.op === session.idx) {
          sessions++
          if (s.error) sessionErrors++
        }
        if (world.ops[s.op].name === 'GetProductPage') {
          pages++
          if (s.error) pageErrors++
        }
      }
    }
    const perRequest = st.rate[session.idx] / st.rate[entry.idx]
    expect(perRequest).toBeGreaterThan(1.2)
    expect(Math.abs(sessions / n - perRequest) / perRequest).toBeLessThan(0.03)
    expect(Math.abs(sessionErrors / sessions - st.err[session.idx])).toBeLessThan(0.025)
    const page = world.opByKey.get('web-bff::GetProductPage')!
    expect(Math.abs(pageErrors / pages - st.err[page.idx])).toBeLessThan(0.02)
  })

  it('topology counts retries consistently: every callee serves exactly what its callers send', () => {
    const { world, inc } = pinnedWorld()
    const topo = buildTopology(world, inc, { from: QUIET, to: QUIET + HOUR, groupBy: 'service' })
    const entries = new Set(world.entries.map((e) => world.ops[e].serviceName))
    for (const node of topo.nodes) {
      if (entries.has(node.service)) continue
      const incoming = topo.edges.filter((e) => e.target === node.id).reduce((a, e) => a + e.rps, 0)
      expect(incoming / node.rps).toBeCloseTo(1, 9)
    }
  })
})

describe('PostTrace by latency', () => {
  it('captures requests with a storage call slower than its threshold, most of them during the mysql-orders spike', () => {
    const { world, inc } = pinnedWorld()
    const { rows } = searchTraces(world, inc, { from: inc.spikeFrom, to: inc.spikeTo, sampling: 'posttrace', tags: [], limit: 2000 })
    const traces = rows.map((r) => buildTrace(r.id, world, inc)!)
    const byLatency = traces.filter((t) => t.sampling.triggerReason === 'latency')
    const byError = traces.filter((t) => t.sampling.triggerReason === 'error')
    expect(byLatency.length).toBeGreaterThan(20)
    expect(byError.length).toBeGreaterThan(0)
    for (const t of byLatency) {
      const trigger = t.spans.find((s) => s.spanId === t.sampling.triggerSpanId)!
      expect(trigger.kind).toBe('client')
      expect(trigger.duration).toBeGreaterThan(t.sampling.triggerThreshold!)
      expect(t.warnings.join(' ')).toMatch(/PostTrace/)
    }
    const mysql = byLatency.filter((t) => t.spans.find((s) => s.spanId === t.sampling.triggerSpanId)!.tags.ToService === 'mysql-orders')
    expect(mysql.length / byLatency.length).toBeGreaterThan(0.5)
    for (const t of byError) expect(t.spans.find((s) => s.spanId === t.sampling.triggerSpanId)!.status).toBe('error')
  })
})

describe('catalogue traces of the new shapes', () => {
  it('PostTrace by latency: the slow INSERT orders call is the trigger, with its threshold', () => {
    const t = buildTrace(POSTTRACE_LATENCY_TRACE_ID)!
    const trigger = t.spans.find((s) => s.spanId === t.sampling.triggerSpanId)!
    expect([trigger.tags.ToService, trigger.name, trigger.kind]).toEqual(['mysql-orders', 'INSERT orders', 'client'])
    expect(t.sampling.triggerReason).toBe('latency')
    expect(trigger.duration).toBeGreaterThan(t.sampling.triggerThreshold!)
    expect(t.spans.every((s) => s.status !== 'error')).toBe(true)
    expect(t.spans.filter((s) => s.parentSpanId === null).map((s) => s.name)).toEqual(['POST /api/checkout'])
  })

  it('PostTrace of a consumer failure: no root captured, the search row names the earliest captured span', () => {
    const { world, inc } = pinnedWorld()
    const t = buildTrace(POSTTRACE_ASYNC_TRACE_ID, world, inc)!
    const trigger = t.spans.find((s) => s.spanId === t.sampling.triggerSpanId)!
    expect([trigger.service, trigger.kind, t.sampling.triggerReason]).toEqual(['invoice-service', 'consumer', 'error'])
    expect(t.spans.some((s) => s.parentSpanId === null)).toBe(false)
    const row = rowOf(world, generateFromKey(world, inc, decodeTraceId(POSTTRACE_ASYNC_TRACE_ID)!)!, POSTTRACE_ASYNC_TRACE_ID)
    const earliest = [...t.spans].sort((a, b) => a.startTime - b.startTime)[0]
    expect(row.summary).toMatchObject({ rootCaptured: false, rootService: earliest.service, rootOperation: earliest.name, startTime: earliest.startTime })
    expect(row.summary.startTime + row.summary.duration).toBe(Math.max(...t.spans.map(end)))
  })

  it('parallel fan-out: a failed session call retried once, then the page parts at once', () => {
    const t = buildTrace(FANOUT_TRACE_ID)!
    const page = t.spans.find((s) => s.kind === 'server' && s.name === 'GetProductPage')!
    const [first, retry] = callsTo(t, page, 'session-service', 'GetSession')
    expect([first.status, first.tags['http.request.resend_count']]).toEqual(['error', undefined])
    expect([retry.status, retry.tags['http.request.resend_count']]).toEqual(['ok', 1])
    const parts = t.spans.filter((s) => s.parentSpanId === page.spanId && s.startTime > end(retry))
    expect(parts.length).toBeGreaterThanOrEqual(3)
    expect(Math.max(...parts.map((p) => p.startTime))).toBeLessThan(Math.min(...parts.map(end)))
    expect(t.spans[0].status).toBe('ok')
  })
})

it('search rows of PostTrace captures say whether the root was captured', () => {
  const { world, inc } = pinnedWorld()
  const { rows } = searchTraces(world, inc, { from: QUIET, to: QUIET + HOUR, sampling: 'posttrace', tags: [], limit: 3000 })
  const rootless = rows.filter((r) => r.summary.rootCaptured === false)
  expect(rootless.length).toBeGreaterThan(0)
  expect(rootless.length).toBeLessThan(rows.length / 4)
  for (const r of rootless.slice(0, 10)) {
    const t = buildTrace(r.id, world, inc)!
    expect(t.spans.some((s) => s.parentSpanId === null)).toBe(false)
    const earliest = Math.min(...t.spans.map((s) => s.startTime))
    expect(r.summary.startTime).toBe(earliest)
    expect(t.spans.find((s) => s.startTime === earliest)!.service).toBe(r.summary.rootService)
  }
  expect(rows.filter((r) => r.summary.rootCaptured === true).every((r) => r.summary.rootService.endsWith('gateway') || r.summary.rootService === 'batch-scheduler')).toBe(true)
})
