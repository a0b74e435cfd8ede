import { Rng } from './prng'
import { NET_US, ownLatency } from './traffic'
import type { Incidents } from './incidents'
import type { GenSpan } from './trace-gen'
import type { World } from './world'

/**
 * A batch job of exactly `count` spans (catalogue `bigTraceId`): the scheduler starts a stock
 * reconciliation that checks stock item by item (client → server → redis → sometimes mysql).
 * Linear time, no recursion, so 200,000 spans stay cheap.
 */
export function generateBigSpans(world: World, inc: Incidents, startMs: number, seed: number, count: number): GenSpan[] {
  const rng = new Rng(seed ^ 0x5bd1e995)
  const op = (key: string): number => {
    const o = world.opByKey.get(key)
    if (!o) throw new Error(`synthetic world: missing ${key}`)
    return o.idx
  }
  const root = op('batch-scheduler::job stock-reconcile')
  const report = op('report-service::ReconcileStock')
  const check = op('stock-service::CheckStock')
  const redis = op('redis-stock::GET stock')
  const mysql = op('mysql-stock::SELECT stock')
  const spans: GenSpan[] = []
  const add = (s: Pick<GenSpan, 'parent' | 'op' | 'caller' | 'kind' | 'service' | 'start' | 'dur'>): GenSpan => {
    const span: GenSpan = {
      idx: spans.length,
      parent: s.parent,
      op: s.op,
      caller: s.caller,
      kind: s.kind,
      service: s.service,
      start: s.start,
      dur: s.dur,
      error: false,
      code: 200,
      origin: false,
      panic: false,
      resend: 0,
      slow: false,
      placement: 0,
      pod: spans.length % 2,
      u: rng.next(),
      prop: 0.001,
      lagMs: 0,
    }
    spans.push(span)
    return span
  }
  const t0 = startMs * 1000
  const svc = (o: number): number => world.ops[o].service
  const rootSpan = add({ parent: -1, op: root, caller: -1, kind: 'server', service: svc(root), start: t0, dur: 0 })
  if (count < 3) {
    if (count === 2) add({ parent: 0, op: report, caller: root, kind: 'client', service: svc(root), start: t0 + 2000, dur: 30_000 })
    rootSpan.dur = 40_000
    return spans
  }
  const client = add({ parent: 0, op: report, caller: root, kind: 'client', service: svc(root), start: t0 + 2000, dur: 0 })
  const server = add({ parent: 1, op: report, caller: root, kind: 'server', service: svc(report), start: t0 + 2000 + NET_US / 2, dur: 0 })
  let cursor = server.start + 5000
  while (spans.length < count) {
    const ms = cursor / 1000
    const c = add({ parent: server.idx, op: check, caller: report, kind: 'client', service: svc(report), start: cursor, dur: 0 })
    let inner = cursor + NET_US / 2
    if (spans.length < count) {
      const s = add({ parent: c.idx, op: check, caller: report, kind: 'server', service: svc(check), start: inner, dur: 0 })
      let t = inner + 200
      for (const leaf of rng.next() < 0.2 ? [redis, mysql] : [redis]) {
        if (spans.length >= count) break
        const d = ownLatency(world.ops[leaf], rng.next(), ms, inc)
        add({ parent: s.idx, op: leaf, caller: check, kind: 'client', service: svc(check), start: t, dur: d })
        t += d + 50
      }
      s.dur = t + 300 - s.start
      inner = s.start + s.dur
    }
    c.dur = inner + NET_US / 2 - c.start
    cursor = c.start + c.dur + 100
  }
  server.dur = cursor + 2000 - server.start
  client.dur = server.start + server.dur + NET_US / 2 - client.start
  rootSpan.dur = client.start + client.dur + 3000 - t0
  return spans
}
