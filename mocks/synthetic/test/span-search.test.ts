// @vitest-environment node
import { MetricResponseSchema } from '../../../src/api/schemas/metrics'
import { TraceSearchResponseSchema } from '../../../src/api/schemas/trace'
import type { SpanWire } from '../../../src/api/schemas/trace'
import { buildTrace } from '../trace'
import { getJson } from './http'
import { HOUR, MIN, NOW, pinnedWorld } from './fixtures'

/**
 * Span-level trace search (docs/api.md `match=span`, `spanMinDuration`, `spanStatus`, `spanTag`)
 * against the world's own traces: the answer is exactly the traces that hold a qualifying span of
 * the series, and names that span.
 */
beforeEach(() => {
  pinnedWorld()
})

const FROM = NOW - HOUR
const isMysqlCall = (s: SpanWire) => s.kind === 'client' && s.tags.ToService === 'mysql-orders'

async function search(query: string) {
  const { status, body } = await getJson(`/api/v1/traces?${query}`)
  expect(status).toBe(200)
  return TraceSearchResponseSchema.parse(body)
}

/**
 * Ten minutes around mysql-orders' highest p99 point of the hour (its latency spike), and the
 * lowest p99 inside them: the threshold a range selection on the chart asks for.
 */
async function aroundPeak(): Promise<{ from: number; to: number; p99: number }> {
  const { body } = await getJson(`/api/v1/metrics/query_range?metric=latency_p99&service=mysql-orders&from=${FROM}&to=${NOW}`)
  const points = MetricResponseSchema.parse(body).series[0].points
  const peak = points.reduce((a, b) => ((b[1] ?? -1) > (a[1] ?? -1) ? b : a))
  const from = peak[0] - 5 * MIN
  const to = peak[0] + 5 * MIN
  const inside = points.filter(([t, v]) => t >= from && t < to && v !== null).map(([, v]) => v ?? 0)
  return { from, to, p99: Math.min(...inside) }
}

describe('span-level search', () => {
  it('lists exactly the traces holding a mysql-orders call at or above the p99, and names the slowest', async () => {
    const { world, inc } = pinnedWorld()
    const { from, to, p99 } = await aroundPeak()
    const threshold = Math.floor(p99)
    const got = await search(`service=mysql-orders&spanMinDuration=${threshold}&from=${from}&to=${to}&limit=10000`)
    expect(got.truncated).toBe(false)
    expect(got.traces.length).toBeGreaterThan(0)
    for (const t of got.traces) {
      const trace = buildTrace(t.traceId, world, inc)!
      const m = t.match!
      const span = trace.spans.find((s) => s.spanId === m.spanId)!
      expect(isMysqlCall(span)).toBe(true)
      expect(span.duration).toBeGreaterThanOrEqual(threshold)
      expect([span.service, span.name, span.duration, span.startTime]).toEqual([m.service, m.operation, m.duration, m.startTime])
      const qualifying = trace.spans.filter((s) => isMysqlCall(s) && s.duration >= threshold && s.startTime >= from * 1000 && s.startTime < to * 1000)
      expect(m.count).toBe(qualifying.length)
      expect(m.duration).toBe(Math.max(...qualifying.map((s) => s.duration)))
    }
    // ground truth: every trace of the window (started up to 10 s before it) with such a call, and no other
    const all = await search(`service=mysql-orders&from=${from - 10_000}&to=${to}&limit=10000`)
    const truth = all.traces
      .filter((t) => buildTrace(t.traceId, world, inc)!.spans.some((s) => isMysqlCall(s) && s.duration >= threshold && s.startTime >= from * 1000 && s.startTime < to * 1000))
      .map((t) => t.traceId)
    expect(got.traces.map((t) => t.traceId).sort()).toEqual(truth.sort())
    // what the trace-level duration listed instead: whole traces above the threshold, most without such a call
    const wholeTraces = await search(`service=mysql-orders&minDuration=${threshold}&from=${from}&to=${to}&limit=10000`)
    const wrong = wholeTraces.traces.filter((t) => !truth.includes(t.traceId))
    expect(wrong.length).toBeGreaterThan(0)
  })

  it('a failed-span search names a failed span of the operation itself', async () => {
    const { world, inc } = pinnedWorld()
    const got = await search(`service=stock-service&operation=ReserveStock&spanStatus=error&from=${NOW - 10 * MIN}&to=${NOW}&limit=30`)
    expect(got.traces.length).toBeGreaterThan(5)
    for (const t of got.traces) {
      const span = buildTrace(t.traceId, world, inc)!.spans.find((s) => s.spanId === t.match?.spanId)!
      expect([span.service, span.name, span.kind, span.status]).toEqual(['stock-service', 'ReserveStock', 'server', 'error'])
      expect(t.match?.status).toBe('error')
    }
  })

  it('applies the series filters to that same span', async () => {
    const { world, inc } = pinnedWorld()
    const got = await search(`service=mysql-orders&match=span&spanTag=DC=dc-north&from=${NOW - 5 * MIN}&to=${NOW}&limit=20`)
    expect(got.traces.length).toBeGreaterThan(0)
    for (const t of got.traces) {
      const span = buildTrace(t.traceId, world, inc)!.spans.find((s) => s.spanId === t.match?.spanId)!
      expect(isMysqlCall(span)).toBe(true)
      expect(span.resource.DC).toBe('dc-north')
    }
  })

  it('refuses span conditions without a service, and bad values, in plain words', async () => {
    const noService = await getJson(`/api/v1/traces?spanMinDuration=1000&from=${FROM}&to=${NOW}`)
    expect(noService.status).toBe(400)
    expect(JSON.stringify(noService.body)).toMatch(/needs a service/)
    const badStatus = await getJson(`/api/v1/traces?service=api-gateway&spanStatus=ok&from=${FROM}&to=${NOW}`)
    expect(badStatus.status).toBe(400)
    expect(JSON.stringify(badStatus.body)).toMatch(/spanStatus/)
  })
})
