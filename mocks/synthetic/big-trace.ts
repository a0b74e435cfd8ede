import { Rng } from './prng'
import { NET_US, ownLatency } from './traffic'
import type { Incidents } from './incidents'
import { generateSpans } from './trace-gen'
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

/** Requests made per page of the mixed big trace. */
export const MIXED_REQUESTS_PER_PAGE = 12

/**
 * A big trace of varied requests, of exactly `count` spans (catalogue `bigMixedTraceId`): the
 * nightly report job works through its pages one by one, each page handled by report-service
 * BuildReport, which makes a dozen requests through the world's entry operations (each a real
 * request tree of the world, one after the other) and then calls BuildReport again for the next
 * page (the job follows a cursor). The same requests under every page depth give thousands of
 * distinct paths, where the batch trace above has seven.
 */
export function generateMixedBigSpans(world: World, inc: Incidents, startMs: number, seed: number, count: number): GenSpan[] {
  const rng = new Rng(seed ^ 0x27d4eb2f)
  const op = (key: string): number => {
    const o = world.opByKey.get(key)
    if (!o) throw new Error(`synthetic world: missing ${key}`)
    return o.idx
  }
  const root = op('batch-scheduler::job nightly-report')
  const page = op('report-service::BuildReport')
  const svc = (o: number): number => world.ops[o].service
  const spans: GenSpan[] = []
  const base = { error: false, code: 200, origin: false, panic: false, resend: 0, slow: false, placement: 0, prop: 0.001, lagMs: 0 }
  const add = (s: Pick<GenSpan, 'parent' | 'op' | 'caller' | 'kind' | 'service' | 'start' | 'dur'>): GenSpan => {
    const span: GenSpan = { idx: spans.length, ...s, ...base, pod: spans.length % 2, u: rng.next() }
    spans.push(span)
    return span
  }
  const t0 = startMs * 1000
  const rootSpan = add({ parent: -1, op: root, caller: -1, kind: 'server', service: svc(root), start: t0, dur: 0 })
  // each page: [client span, server span]; the server's content ends at `end`
  const pages: { client: GenSpan; server: GenSpan | null; end: number }[] = []
  let caller = root
  let parent = 0
  let cursor = t0 + 2000
  let k = 0
  while (spans.length < count) {
    const client = add({ parent, op: page, caller, kind: 'client', service: svc(caller), start: cursor, dur: 0 })
    const entry = { client, server: null as GenSpan | null, end: cursor + NET_US / 2 }
    pages.push(entry)
    if (spans.length >= count) break
    const server = add({ parent: client.idx, op: page, caller, kind: 'server', service: svc(page), start: cursor + NET_US / 2, dur: 0 })
    entry.server = server
    let t = server.start + 1000
    for (let r = 0; r < MIXED_REQUESTS_PER_PAGE && spans.length < count; r++) {
      const entryOp = world.entries[rng.int(world.entries.length)]
      const call = add({ parent: server.idx, op: entryOp, caller: page, kind: 'client', service: svc(page), start: t, dur: 0 })
      const request = generateSpans({ world, inc, entry: world.entries.indexOf(entryOp), startMs: Math.floor((t + NET_US / 2) / 1000), seed: (seed + 7919 * ++k) & 0xfffffff, dc: 0, forceError: false })
      const shift = t + NET_US / 2 - (request[0]?.start ?? 0)
      const offset = spans.length
      let requestEnd = t
      for (const g of request) {
        if (spans.length >= count) break
        const s: GenSpan = { ...g, idx: offset + g.idx, parent: g.parent < 0 ? call.idx : offset + g.parent, caller: g.parent < 0 ? page : g.caller, start: g.start + shift }
        spans.push(s)
        requestEnd = Math.max(requestEnd, s.start + s.dur)
      }
      const rootReq = spans[offset]
      call.dur = rootReq ? rootReq.dur + NET_US : NET_US
      call.error = rootReq?.error ?? false
      call.code = rootReq?.code ?? 200
      t = Math.max(call.start + call.dur, requestEnd) + 200
    }
    entry.end = t
    caller = page
    parent = server.idx
    cursor = t
  }
  // close the pages from the innermost out: a page ends after its requests and the pages it called
  let inner = -Infinity
  for (let i = pages.length - 1; i >= 0; i--) {
    const p = pages[i]
    const end = Math.max(p.end, inner) + 300
    if (p.server) p.server.dur = end - p.server.start
    p.client.dur = end + NET_US / 2 - p.client.start
    inner = p.client.start + p.client.dur
  }
  rootSpan.dur = Math.max(inner, t0 + 2000) + 3000 - t0
  return spans
}
