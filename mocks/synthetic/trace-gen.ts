import type { SpanKind } from '../../src/domain/model'
import { DCS } from './world-catalog'
import { Rng } from './prng'
import { isPanic, meanMqLag, NET_US, ownError, ownLatency, slowQuantile, slowThresholdUs } from './traffic'
import { PANIC_OPERATION } from './incidents'
import type { Incidents } from './incidents'
import type { CompiledCall, World } from './world'

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
  /** client spans: 1 for the retry of a failed call (`http.request.resend_count`), else 0 */
  resend: number
  /** storage calls slower than their operation's PostTrace latency threshold */
  slow: boolean
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
  /** the span (by index) that fails on its own (a PostTrace capture of a failing request) */
  forceErrorAt?: number
  /** the cluster (placement index) that serves the span forced to fail */
  forcePlacementAt?: number
  /** the span (by index) whose latency is drawn from beyond its threshold (latency PostTrace) */
  forceSlowAt?: number
  maxSpans?: number
}

/** Time a client waits before retrying a failed call, µs (drawn in [RETRY_BACKOFF_US, 2×)). */
export const RETRY_BACKOFF_US = 2000

function ownCode(r: number, panic: boolean): number {
  if (panic) return 500
  return r < 0.6 ? 500 : r < 0.85 ? 503 : 504
}

/**
 * Draws one request. With `forceError`, a request drawn without any failure is drawn again with
 * one span failing on its own (chosen by its own failure probability over the clusters of the
 * request's DC, then served by a cluster chosen by its share of those failures); everything
 * before that span is unchanged, and the failure then propagates, is retried and converted as drawn.
 */
export function generateSpans(o: GenOptions): GenSpan[] {
  const first = drawSpans(o)
  if (!o.forceError || o.forceErrorAt !== undefined || first.some((s) => s.origin)) return first
  const { world, inc } = o
  const dcName = DCS[o.dc] ?? DCS[0]
  const failing = first.map((s) => (s.kind !== 'client' || world.ops[s.op].kind === 'client' ? ownFailures(world, inc, s, dcName) : []))
  const weights = failing.map((f) => f.reduce((a, x) => a + x.p, 0))
  const rng = new Rng(o.seed * 7919 + 29)
  let r = rng.next() * weights.reduce((a, b) => a + b, 0)
  const found = weights.findIndex((w) => (r -= w) < 0)
  const pick = found < 0 ? weights.length - 1 : found
  let u = rng.next() * weights[pick]
  const where = failing[pick].find((x) => (u -= x.p) < 0) ?? failing[pick][failing[pick].length - 1]
  return drawSpans({ ...o, forceErrorAt: pick, forcePlacementAt: where?.placement })
}

/**
 * Own failure probability of a span's call in each cluster that may serve it in the request's DC,
 * weighted by the cluster's share there (one entry without a cluster for a storage/MQ call).
 */
function ownFailures(world: World, inc: Incidents, s: GenSpan, dcName: string): { placement: number | undefined; p: number }[] {
  const op = world.ops[s.op]
  const ms = s.start / 1000
  if (op.kind === 'client' || op.kind === 'producer') return [{ placement: undefined, p: ownError(op, ms, inc, null) }]
  const pls = world.services[s.service].placements
  const dc = pls.some((p) => p.dc === dcName) ? dcName : pls[0].dc
  return pls.flatMap((pl, k) => (pl.dc === dc ? [{ placement: k, p: pl.share * ownError(op, ms, inc, pl) }] : []))
}

function drawSpans(o: GenOptions): GenSpan[] {
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

  const leaf = (opIdx: number, caller: number, parent: number, startUs: number, prop: number, resend: number): GenSpan => {
    const op = world.ops[opIdx]
    const ms = startUs / 1000
    let u = rng.next()
    if (spans.length === o.forceSlowAt) {
      const q = slowQuantile(op, ms, inc)
      u = q + (1 - q) * u
    }
    const dur = ownLatency(op, u, ms, inc)
    const threshold = slowThresholdUs(op)
    const forced = forcedOrigin === opIdx
    const error = forced || rng.next() < ownError(op, ms, inc, null) || spans.length === o.forceErrorAt
    const kind: SpanKind = op.kind === 'producer' ? 'producer' : 'client'
    return push({ parent, op: opIdx, caller, kind, service: world.ops[caller].service, start: startUs, dur, error, code: error ? ownCode(rng.next(), false) : 200, origin: error, panic: false, prop, lagMs: 0, resend, slow: threshold !== null && dur > threshold })
  }

  /** One attempt of a call made by span `self` (operation `caller`): its end (µs) and whether it failed. */
  const attempt = (c: CompiledCall, caller: number, self: number, startUs: number, resend: number): { end: number; failed: boolean } => {
    const callee = world.ops[c.to]
    if (callee.kind === 'client' || callee.kind === 'producer') {
      const l = leaf(c.to, caller, self, startUs, c.propagate, resend)
      const end = l.start + l.dur
      if (callee.kind === 'producer') {
        // the consumers run after the message was published; the producer does not wait for them
        for (const cc of callee.calls) {
          const lag = meanMqLag(callee) * (0.25 + 1.5 * rng.next())
          const consumer = server(cc.to, c.to, l.idx, end + lag * 1000, 'consumer')
          consumer.lagMs = lag
        }
      }
      return { end, failed: l.error }
    }
    const client = push({ parent: self, op: c.to, caller, kind: 'client', service: world.ops[caller].service, start: startUs, dur: 0, error: false, code: 200, origin: false, panic: false, prop: c.propagate, lagMs: 0, resend, slow: false })
    const child = server(c.to, caller, client.idx, startUs + NET_US / 2, 'server')
    client.dur = child.dur + NET_US
    client.error = child.error
    client.code = child.code
    return { end: client.start + client.dur, failed: child.error }
  }

  /** A call with its retry: the caller sees the last attempt's outcome. */
  const call = (c: CompiledCall, caller: number, self: number, startUs: number): { end: number; failed: boolean } => {
    const first = attempt(c, caller, self, startUs, 0)
    if (!first.failed || !c.retry || spans.length >= max) return first
    return attempt(c, caller, self, first.end + RETRY_BACKOFF_US * (1 + rng.next()), 1)
  }

  const server = (opIdx: number, caller: number, parent: number, startUs: number, kind: SpanKind): GenSpan => {
    const op = world.ops[opIdx]
    const ms = startUs / 1000
    const self = push({ parent, op: opIdx, caller, kind, service: op.service, start: startUs, dur: 0, error: false, code: 200, origin: false, panic: false, prop: 0, lagMs: 0, resend: 0, slow: false })
    const own = ownLatency(op, rng.next(), ms, inc)
    const pls = world.services[op.service].placements
    if (self.idx === o.forceErrorAt && o.forcePlacementAt !== undefined) {
      self.placement = o.forcePlacementAt
      self.pod %= pls[self.placement].pods.length
    }
    if (forcedOrigin === opIdx && op.name === PANIC_OPERATION && !isPanic(op, ms, inc, pls[self.placement])) {
      // a catalogue trace's forced panic is served where the deploy runs (the canary cluster of its DC)
      const canary = pls.findIndex((p) => p.dc === pls[self.placement].dc && isPanic(op, ms, inc, p))
      if (canary >= 0) {
        self.placement = canary
        self.pod %= pls[canary].pods.length
      }
    }
    const pl = pls[self.placement]
    const ownErr = forcedOrigin === opIdx || rng.next() < ownError(op, ms, inc, pl) || self.idx === o.forceErrorAt
    const counts = new Map<CompiledCall, number>(op.calls.map((c) => [c, c.whole + (rng.next() < c.frac ? 1 : 0)]))
    let total = 0
    for (const step of op.steps) total += step[0].parallel ? 1 : counts.get(step[0]) ?? 0
    const gap = (own * 0.5) / (total + 1)
    let cursor = startUs + own * 0.3
    let propagated = false
    const settle = (c: CompiledCall, r: { failed: boolean }): void => {
      if (r.failed && rng.next() < c.propagate) propagated = true
    }
    for (const step of op.steps) {
      if (!step[0].parallel) {
        const c = step[0]
        for (let k = 0; k < (counts.get(c) ?? 0) && spans.length < max; k++) {
          cursor += gap
          const r = call(c, opIdx, self.idx, cursor)
          cursor = r.end
          settle(c, r)
        }
        continue
      }
      // a concurrent fan-out: every call starts now (a few µs apart, as a client issues them), the caller waits for the last
      cursor += gap
      const t0 = cursor
      let issued = 0
      for (const c of step) {
        for (let k = 0; k < (counts.get(c) ?? 0) && spans.length < max; k++) {
          const r = call(c, opIdx, self.idx, t0 + 15 * issued++)
          cursor = Math.max(cursor, r.end)
          settle(c, r)
        }
      }
    }
    self.dur = cursor + gap + own * 0.2 - startUs
    const panic = ownErr && (isPanic(op, ms, inc, pl) || forcedOrigin === opIdx)
    self.error = ownErr || propagated
    self.origin = ownErr
    self.panic = panic
    self.code = ownErr ? ownCode(rng.next(), panic) : propagated ? op.convert ?? 500 : 200
    return self
  }

  server(o.entry, -1, -1, o.startMs * 1000, 'server')
  return spans
}

/** Why a PostTrace capture began. */
export type PostTraceTrigger = 'error' | 'latency'

/**
 * PostTrace capture: the trigger is the first interesting span by end time — a failing origin,
 * or a storage call slower than its threshold — and what was captured: every span that had not
 * finished when the trigger fired (the callers still waiting, calls made afterwards).
 */
export function postTraceCapture(spans: GenSpan[]): { trigger: GenSpan | null; reason: PostTraceTrigger | null; kept: GenSpan[] } {
  let trigger: GenSpan | null = null
  for (const s of spans) if ((s.origin || s.slow) && (!trigger || s.start + s.dur < trigger.start + trigger.dur)) trigger = s
  if (!trigger) return { trigger: null, reason: null, kept: spans }
  const t = trigger.start + trigger.dur
  return { trigger, reason: trigger.origin ? 'error' : 'latency', kept: spans.filter((s) => s.start + s.dur >= t) }
}

/**
 * A request with a storage call slower than its threshold (latency PostTrace): the request as
 * drawn when it has one; else the same request with one storage call, chosen by its chance of
 * being slow, drawn from beyond its threshold (the rest of the request unchanged but shifted).
 */
export function generateSlowSpans(o: Omit<GenOptions, 'forceSlowAt'>): GenSpan[] {
  const first = generateSpans(o)
  if (first.some((s) => s.slow)) return first
  const rng = new Rng(o.seed * 40503 + 17)
  const weights = first.map((s) => (s.kind === 'client' && slowThresholdUs(o.world.ops[s.op]) !== null ? 1 - slowQuantile(o.world.ops[s.op], s.start / 1000, o.inc) : 0))
  let r = rng.next() * weights.reduce((a, b) => a + b, 0)
  const pick = weights.findIndex((w) => (r -= w) < 0)
  return pick < 0 ? first : generateSpans({ ...o, forceSlowAt: pick })
}
