import type { SpanKind } from '../../src/domain/model'
import { DCS } from './world-catalog'
import { Rng } from './prng'
import { isPanic, meanMqLag, NET_US, ownError, ownLatency } from './traffic'
import type { Incidents } from './incidents'
import type { World } from './world'

/**
 * Draws one request through the world: a compact span tree (indices, numbers) that summaries,
 * exemplars and logs read directly and that spans.ts turns into wire spans.
 * For client/producer spans `op` is the called operation; `caller` is the calling operation.
 */
export interface GenSpan {
  idx: number
  parent: number
  op: number
  caller: number
  kind: SpanKind
  service: number
  start: number
  dur: number
  error: boolean
  code: number
  origin: boolean
  panic: boolean
  placement: number
  pod: number
  /** uniform draw for sizes and other per-span detail */
  u: number
  /** propagation probability of the call edge (client spans) */
  prop: number
  /** MQ lag in ms (consumer spans) */
  lagMs: number
}

export interface GenOptions {
  world: World
  inc: Incidents
  entry: number
  startMs: number
  seed: number
  dc: number
  forceError: boolean
  /** the origin of the forced error, by operation key (catalogue traces) */
  forceOrigin?: string
  maxSpans?: number
}

function ownCode(r: number, panic: boolean): number {
  if (panic) return 500
  return r < 0.6 ? 500 : r < 0.85 ? 503 : 504
}

export function generateSpans(o: GenOptions): GenSpan[] {
  const { world, inc } = o
  const rng = new Rng(o.seed * 2654435761 + o.entry)
  const spans: GenSpan[] = []
  const max = o.maxSpans ?? 400_000
  const dcName = DCS[o.dc] ?? DCS[0]
  const forcedOrigin = o.forceOrigin ? world.opByKey.get(o.forceOrigin)?.idx ?? -1 : -1

  const place = (service: number): [number, number] => {
    const ps = world.services[service].placements
    let r = rng.next()
    let chosen = -1
    let firstInDc = -1
    for (let i = 0; i < ps.length; i++) {
      if (ps[i].dc !== dcName) continue
      if (firstInDc < 0) firstInDc = i
      r -= ps[i].share
      if (r < 0) {
        chosen = i
        break
      }
    }
    const p = chosen >= 0 ? chosen : firstInDc >= 0 ? firstInDc : 0
    return [p, rng.int(ps[p].pods.length)]
  }

  const push = (s: Omit<GenSpan, 'idx' | 'placement' | 'pod' | 'u'>): GenSpan => {
    const [placement, pod] = place(s.service)
    const span = s as GenSpan
    span.idx = spans.length
    span.placement = placement
    span.pod = pod
    span.u = rng.next()
    spans.push(span)
    return span
  }

  const leaf = (opIdx: number, caller: number, parent: number, startUs: number, prop: number): GenSpan => {
    const op = world.ops[opIdx]
    const ms = startUs / 1000
    const dur = ownLatency(op, rng.next(), ms, inc)
    const forced = forcedOrigin === opIdx
    const error = forced || rng.next() < ownError(op, ms, inc)
    const kind: SpanKind = op.kind === 'producer' ? 'producer' : 'client'
    return push({ parent, op: opIdx, caller, kind, service: world.ops[caller].service, start: startUs, dur, error, code: error ? ownCode(rng.next(), false) : 200, origin: error, panic: false, prop, lagMs: 0 })
  }

  const server = (opIdx: number, caller: number, parent: number, startUs: number, kind: SpanKind): GenSpan => {
    const op = world.ops[opIdx]
    const ms = startUs / 1000
    const self = push({ parent, op: opIdx, caller, kind, service: op.service, start: startUs, dur: 0, error: false, code: 200, origin: false, panic: false, prop: 0, lagMs: 0 })
    const own = ownLatency(op, rng.next(), ms, inc)
    const ownErr = forcedOrigin === opIdx || rng.next() < ownError(op, ms, inc)
    const counts = op.calls.map((c) => c.whole + (rng.next() < c.frac ? 1 : 0))
    const total = counts.reduce((a, b) => a + b, 0)
    const gap = (own * 0.5) / (total + 1)
    let cursor = startUs + own * 0.3
    let propagated = false
    op.calls.forEach((c, ci) => {
      const callee = world.ops[c.to]
      for (let k = 0; k < counts[ci] && spans.length < max; k++) {
        cursor += gap
        let clientErr: boolean
        let end: number
        if (callee.kind === 'client' || callee.kind === 'producer') {
          const l = leaf(c.to, opIdx, self.idx, cursor, c.propagate)
          clientErr = l.error
          end = l.start + l.dur
          if (callee.kind === 'producer') {
            for (const cc of callee.calls) {
              const lag = meanMqLag(callee) * (0.25 + 1.5 * rng.next())
              const consumer = server(cc.to, c.to, l.idx, end + lag * 1000, 'consumer')
              consumer.lagMs = lag
            }
          }
        } else {
          const client = push({ parent: self.idx, op: c.to, caller: opIdx, kind: 'client', service: op.service, start: cursor, dur: 0, error: false, code: 200, origin: false, panic: false, prop: c.propagate, lagMs: 0 })
          const child = server(c.to, opIdx, client.idx, cursor + NET_US / 2, 'server')
          client.dur = child.dur + NET_US
          client.error = child.error
          client.code = child.code
          clientErr = child.error
          end = client.start + client.dur
        }
        cursor = end
        if (clientErr && rng.next() < c.propagate) propagated = true
      }
    })
    self.dur = cursor + gap + own * 0.2 - startUs
    const panic = ownErr && (isPanic(op, ms, inc) || forcedOrigin === opIdx)
    self.error = ownErr || propagated
    self.origin = ownErr
    self.panic = panic
    self.code = ownErr ? ownCode(rng.next(), panic) : propagated ? op.convert ?? 500 : 200
    return self
  }

  server(o.entry, -1, -1, o.startMs * 1000, 'server')
  if (o.forceError && !spans.some((s) => s.origin)) forceAnError(world, inc, spans, rng)
  return spans
}

/** Makes one span (weighted by its operation's own failure share) fail and propagates it up. */
function forceAnError(world: World, inc: Incidents, spans: GenSpan[], rng: Rng): void {
  const candidates = spans.filter((s) => s.kind !== 'client' || world.ops[s.op].kind === 'client')
  const weights = candidates.map((s) => ownError(world.ops[s.op], s.start / 1000, inc))
  let r = rng.next() * weights.reduce((a, b) => a + b, 0)
  let pick = candidates[candidates.length - 1]
  for (let i = 0; i < candidates.length; i++) {
    r -= weights[i]
    if (r < 0) {
      pick = candidates[i]
      break
    }
  }
  const op = world.ops[pick.op]
  pick.error = true
  pick.origin = true
  pick.panic = pick.kind === 'server' && isPanic(op, pick.start / 1000, inc)
  pick.code = pick.panic ? 500 : 500
  let cur = pick
  while (cur.parent >= 0) {
    const parent = spans[cur.parent]
    if (parent.kind === 'client' && world.ops[parent.op].kind === 'server') {
      parent.error = true
      parent.code = cur.code
      cur = parent
      continue
    }
    // cur is a client/producer span of `parent` (a server or consumer span)
    if (parent.error || cur.kind === 'producer' || rng.next() >= cur.prop) return
    parent.error = true
    parent.code = world.ops[parent.op].convert ?? 500
    cur = parent
  }
}

/** PostTrace capture: the trigger (first failing origin by end time) and what was captured. */
export function postTraceCapture(spans: GenSpan[]): { trigger: GenSpan | null; kept: GenSpan[] } {
  let trigger: GenSpan | null = null
  for (const s of spans) if (s.origin && (!trigger || s.start + s.dur < trigger.start + trigger.dur)) trigger = s
  if (!trigger) return { trigger: null, kept: spans }
  const t = trigger.start + trigger.dur
  return { trigger, kept: spans.filter((s) => s.start + s.dur >= t) }
}
