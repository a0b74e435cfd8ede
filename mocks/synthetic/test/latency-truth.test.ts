// @vitest-environment node
import { Rng } from '../prng'
import { queryMetric } from '../metrics'
import { buildTopology } from '../topology'
import { generateSpans, RETRY_BACKOFF_US } from '../trace-gen'
import { NET_US, ownLatency, slotState, SLOT_MS, slotOf } from '../traffic'
import type { SlotState } from '../traffic'
import type { Incidents } from '../incidents'
import type { OpRec, World } from '../world'
import { DAY, HOUR, MIN, NOW, pinnedWorld } from './fixtures'

/**
 * Ground truth for latency percentiles, computed independently of the histogram code: Monte Carlo
 * draws of span durations by the world's own rules (own latency from the operation's quantile
 * function; sequential steps one after the other, a concurrent fan-out as long as its slowest call;
 * NET_US per RPC hop; a retried call that fails — with the moment's failure probability — waits a
 * backoff and is made again; consumers asynchronous), with the time and operation of each draw
 * picked in proportion to the world's traffic over the window.
 */
const DRAWS = 30_000

function drawSpan(world: World, op: OpRec, ms: number, inc: Incidents, st: SlotState, rng: Rng): number {
  let total = ownLatency(op, rng.next(), ms, inc)
  if (op.kind === 'client' || op.kind === 'producer') return total
  for (const step of op.steps) {
    let slowest = 0
    for (const c of step) {
      if (world.ops[c.to].kind === 'consumer') continue
      const n = c.whole + (rng.next() < c.frac ? 1 : 0)
      for (let k = 0; k < n; k++) {
        let d = drawCall(world, world.ops[c.to], ms, inc, st, rng)
        if (c.retry && rng.next() < st.err[c.to]) d += RETRY_BACKOFF_US * (1 + rng.next()) + drawCall(world, world.ops[c.to], ms, inc, st, rng)
        if (c.parallel) slowest = Math.max(slowest, d)
        else total += d
      }
    }
    total += slowest
  }
  return total
}

const drawCall = (world: World, callee: OpRec, ms: number, inc: Incidents, st: SlotState, rng: Rng): number =>
  callee.kind === 'server' ? NET_US + drawSpan(world, callee, ms, inc, st, rng) : drawSpan(world, callee, ms, inc, st, rng)

const stateMemo = new Map<number, SlotState>()
function stateAt(world: World, inc: Incidents, slot: number): SlotState {
  let r = stateMemo.get(slot)
  if (!r) {
    r = slotState(world, slot, inc)
    stateMemo.set(slot, r)
  }
  return r
}

/** Weighted choices: (slot, what) with weight = calls in that slot. */
function truthQuantiles(world: World, inc: Incidents, from: number, to: number, items: { weight: (st: SlotState) => number; draw: (ms: number, st: SlotState, rng: Rng) => number }[], qs: number[]): number[] {
  const cum: number[] = []
  const picks: [number, number][] = []
  let total = 0
  for (let slot = slotOf(from); slot <= slotOf(to - 1); slot++) {
    const st = stateAt(world, inc, slot)
    const seconds = (Math.min(to, (slot + 1) * SLOT_MS) - Math.max(from, slot * SLOT_MS)) / 1000
    items.forEach((it, k) => {
      const w = it.weight(st) * seconds
      if (w <= 0) return
      total += w
      cum.push(total)
      picks.push([slot, k])
    })
  }
  const rng = new Rng(from / 1000 + to / 7000)
  const xs: number[] = []
  for (let d = 0; d < DRAWS; d++) {
    const r = rng.next() * total
    let lo = 0
    let hi = cum.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (cum[mid] < r) lo = mid + 1
      else hi = mid
    }
    const [slot, k] = picks[lo]
    xs.push(items[k].draw(slot * SLOT_MS + rng.next() * SLOT_MS, stateAt(world, inc, slot), rng))
  }
  xs.sort((a, b) => a - b)
  return qs.map((q) => xs[Math.min(xs.length - 1, Math.floor(q * xs.length))])
}

const serviceItems = (world: World, inc: Incidents, service: string) =>
  (world.serviceByName.get(service)?.ops ?? []).map((i) => ({ weight: (st: SlotState) => st.rate[i], draw: (ms: number, st: SlotState, rng: Rng) => drawSpan(world, world.ops[i], ms, inc, st, rng) }))

const edgeItems = (world: World, inc: Incidents, from: string, to: string) =>
  (world.serviceByName.get(from)?.ops ?? []).flatMap((i) =>
    world.ops[i].calls
      .filter((c) => world.ops[c.to].serviceName === to)
      .map((c) => ({ weight: (st: SlotState) => st.rate[i] * c.ratio * (c.retry ? 1 + st.err[c.to] : 1), draw: (ms: number, st: SlotState, rng: Rng) => drawCall(world, world.ops[c.to], ms, inc, st, rng) })),
  )

/** Within 10 % of the truth, or 0.3 ms. */
function expectNear(shown: number | null | undefined, truth: number, what: string): void {
  expect(shown, what).not.toBeNull()
  const err = Math.abs((shown ?? 0) - truth)
  if (err > 300 && err / truth > 0.1) throw new Error(`${what}: shown ${((shown ?? 0) / 1000).toFixed(2)} ms, true ${(truth / 1000).toFixed(2)} ms (${((100 * err) / truth).toFixed(1)} % off)`)
}

const QS = [0.5, 0.95, 0.99]
const WINDOWS: [string, number, number][] = [
  ['5 min at the end of incident B', NOW - 42 * MIN, NOW - 37 * MIN],
  ['1 h with incident B inside', NOW - HOUR, NOW],
  ['6 h', NOW - 6 * HOUR, NOW],
  ['24 h', NOW - DAY, NOW],
  ['5 min, quiet, a day ago', NOW - DAY - 5 * MIN, NOW - DAY],
]
const SERVICES = ['api-gateway', 'checkout-bff', 'order-service', 'mysql-orders', 'web-bff', 'shipping-service', 'redis-stock']

// heavy (every slot of a day, tens of thousands of draws): a generous time budget on a loaded machine
describe('topology percentiles match the world’s latency distribution (merge, then quantile)', { timeout: 120_000 }, () => {
  for (const [name, from, to] of WINDOWS) {
    it(`nodes and edges over ${name}`, () => {
      const { world, inc } = pinnedWorld()
      const topo = buildTopology(world, inc, { from, to, groupBy: 'service' })
      for (const service of SERVICES) {
        const truth = truthQuantiles(world, inc, from, to, serviceItems(world, inc, service), QS)
        const node = topo.nodes.find((n) => n.id === service)
        expectNear(node?.p50, truth[0], `${service} p50`)
        expectNear(node?.p95, truth[1], `${service} p95`)
        expectNear(node?.p99, truth[2], `${service} p99`)
      }
      for (const [a, b] of [['order-service', 'mysql-orders'], ['api-gateway', 'checkout-bff'], ['web-bff', 'pricing-service']]) {
        const truth = truthQuantiles(world, inc, from, to, edgeItems(world, inc, a, b), QS)
        const edge = topo.edges.find((e) => e.id === `${a}->${b}`)
        expectNear(edge?.p50, truth[0], `${a} → ${b} p50`)
        expectNear(edge?.p99, truth[2], `${a} → ${b} p99`)
      }
    })
  }
})

describe('metric percentiles match the world’s latency distribution', { timeout: 120_000 }, () => {
  const ALIGNED: [string, number, number][] = [
    ['5 min during incident B', NOW - 45 * MIN, NOW - 40 * MIN],
    ['1 h with incident B inside', NOW - HOUR, NOW],
    ['24 h from midnight, incident B inside', NOW - 10 * HOUR, NOW + 14 * HOUR],
  ]
  for (const [name, from, to] of ALIGNED) {
    it(`one point over ${name}`, () => {
      const { world, inc } = pinnedWorld()
      for (const service of ['checkout-bff', 'mysql-orders', 'order-service']) {
        const ops = (world.serviceByName.get(service)?.ops ?? []).map((i) => world.ops[i])
        const truth = truthQuantiles(world, inc, from, to, serviceItems(world, inc, service), QS)
        ;(['latency_p50', 'latency_p95', 'latency_p99'] as const).forEach((metric, k) => {
          const res = queryMetric(world, inc, { metric, ops, operation: null, filters: [], groupBy: null, from, to, step: to - from })
          expect(res.series[0].points).toHaveLength(1)
          expectNear(res.series[0].points[0][1], truth[k], `${service} ${metric}`)
        })
      }
    })
  }

  it('a spike inside the window shows in the window’s p99 (mysql-orders, last hour)', () => {
    const { world, inc } = pinnedWorld()
    const ops = (world.serviceByName.get('mysql-orders')?.ops ?? []).map((i) => world.ops[i])
    const p99 = (from: number, to: number) => queryMetric(world, inc, { metric: 'latency_p99', ops, operation: null, filters: [], groupBy: null, from, to, step: to - from }).series[0].points[0][1] ?? 0
    const quietHour = p99(NOW - DAY - HOUR, NOW - DAY)
    expect(p99(NOW - HOUR, NOW)).toBeGreaterThan(3 * quietHour)
    const topo = buildTopology(world, inc, { from: NOW - HOUR, to: NOW, groupBy: 'service' })
    expect(topo.nodes.find((n) => n.id === 'mysql-orders')?.p99).toBeGreaterThan(3 * quietHour)
  })
})

describe('the truth’s sampler draws what the trace generator produces (quiet hour)', () => {
  const CASES: [string, string, 'server' | 'client'][] = [
    ['api-gateway::POST /api/checkout', 'checkout-bff::PlaceOrder', 'server'],
    ['api-gateway::POST /api/checkout', 'mysql-orders::INSERT orders', 'client'],
    ['api-gateway::GET /api/products', 'web-bff::GetProductPage', 'server'],
    ['api-gateway::GET /api/search', 'search-bff::Search', 'server'],
  ]
  for (const [entryKey, key, kind] of CASES) {
    it(`${key} spans of ${entryKey} requests`, () => {
      const { world, inc } = pinnedWorld()
      const entry = world.opByKey.get(entryKey)!
      const op = world.opByKey.get(key)!
      const startMs = NOW - DAY
      const gen: number[] = []
      for (let seed = 1; seed <= 6000; seed++) {
        for (const s of generateSpans({ world, inc, entry: entry.idx, startMs, seed, dc: 0, forceError: false })) if (s.kind === kind && s.op === op.idx && s.resend === 0) gen.push(s.dur)
      }
      const rng = new Rng(7)
      const st = slotState(world, slotOf(startMs), inc)
      const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor(p * xs.length)]
      const drawn = Array.from({ length: 6000 }, () => drawSpan(world, op, startMs, inc, st, rng))
      for (const p of QS) expectNear(q(gen, p), q(drawn, p), `generated ${key} p${p * 100}`)
    })
  }
})
