/**
 * The hand-written checkers of big answers (trace-fast.ts, topology-fast.ts) against the zod
 * schemas they stand in for, over generated answers: valid answers with their optional fields
 * present or not, then one or more fields changed to something else (another type, out of range,
 * missing, an unknown enum value). Both must accept the same answers and name the same first bad
 * field.
 */
import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { HEALTH_STATES, POSTTRACE_TRIGGERS, SAMPLING_MODES, SPAN_KINDS, SPAN_RELATIONS, SPAN_STATUSES } from '../../domain/model'
import type { Problem } from './hand-checked'
import { TopologyResponseSchema } from './topology'
import { checkTopologyResponse } from './topology-fast'
import { TraceResponseSchema } from './trace'
import { checkTraceResponse } from './trace-fast'

type Rnd = () => number
function seeded(seed: number): Rnd {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const pick = <T,>(rnd: Rnd, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]
const maybe = (rnd: Rnd, p = 0.5) => rnd() < p
const int = (rnd: Rnd, n: number) => Math.floor(rnd() * n)
const tag = (rnd: Rnd) => pick(rnd, ['x', '', 0, 1, -3.5, true, false] as const)
const record = <T,>(rnd: Rnd, value: () => T): Record<string, T> => Object.fromEntries(Array.from({ length: int(rnd, 4) }, (_, i) => [`k${i}`, value()]))

function validTrace(rnd: Rnd): Record<string, unknown> {
  const n = 1 + int(rnd, 6)
  const spans = Array.from({ length: n }, (_, i) => {
    const s: Record<string, unknown> = {
      traceId: 't1',
      spanId: `s${i}`,
      parentSpanId: i === 0 ? null : `s${int(rnd, i)}`,
      name: pick(rnd, ['GET /', '', 'op']),
      kind: pick(rnd, SPAN_KINDS),
      service: pick(rnd, ['api', '']),
      startTime: 1_000 + int(rnd, 1000) - 500,
      duration: pick(rnd, [0, 1, 250.5]),
      status: pick(rnd, SPAN_STATUSES),
      resource: record(rnd, () => pick(rnd, ['dc-1', ''])),
      tags: record(rnd, () => tag(rnd)),
      events: Array.from({ length: int(rnd, 3) }, () => ({ time: int(rnd, 100), name: pick(rnd, ['log', 'panic']), attributes: record(rnd, () => tag(rnd)) })),
      metrics: record(rnd, () => pick(rnd, [0, 1.5, -2])),
    }
    if (maybe(rnd, 0.3)) s.parentRelation = pick(rnd, SPAN_RELATIONS)
    return s
  })
  const sampling: Record<string, unknown> = {
    mode: pick(rnd, SAMPLING_MODES),
    rate: pick(rnd, [1, 0.5, 0.001]),
    triggerSpanId: maybe(rnd) ? null : 's0',
    triggerTime: maybe(rnd) ? null : 1_200,
  }
  if (maybe(rnd)) sampling.samplerRate = pick(rnd, [null, 0.01, 1])
  if (maybe(rnd)) sampling.rateKnown = maybe(rnd)
  if (maybe(rnd)) sampling.triggerReason = pick(rnd, [null, ...POSTTRACE_TRIGGERS])
  if (maybe(rnd)) sampling.triggerThreshold = pick(rnd, [null, 0, 350_000])
  return { trace: { traceId: 't1', spans, sampling, warnings: Array.from({ length: int(rnd, 3) }, () => 'a warning') } }
}

function validTopology(rnd: Rnd): Record<string, unknown> {
  const silence = () => (maybe(rnd) ? null : { from: 1, to: 2, seconds: pick(rnd, [0, 30]), whole: maybe(rnd) })
  const nodes = Array.from({ length: 1 + int(rnd, 4) }, (_, i) => ({
    id: `n${i}`, label: pick(rnd, ['svc', '']), service: 'svc', layer: 'domain', method: pick(rnd, [null, 'GET']), cluster: pick(rnd, [null, 'c1']),
    dc: pick(rnd, [null, 'dc1']), rps: pick(rnd, [0, 12.5]), errorRate: pick(rnd, [0, 0.2, 1]), p50: 1, p95: 2, p99: 3, peakRps: 4,
    capacityRps: pick(rnd, [null, 50]), health: pick(rnd, HEALTH_STATES), alerts: pick(rnd, [0, 2]), changes: pick(rnd, [0, 1]), silent: silence(),
  }))
  const edges = Array.from({ length: int(rnd, 4) }, (_, i) => ({
    id: `e${i}`, source: 'n0', target: `n${i}`, protocol: pick(rnd, ['grpc', '']), rps: 1, errorRate: pick(rnd, [0, 0.5]), p50: 1, p99: 2, silent: silence(),
  }))
  const partial = maybe(rnd) ? null : { missingDcs: maybe(rnd) ? [] : ['dc2'], reason: pick(rnd, [null, 'timeout']), ...(maybe(rnd) ? { silentFrom: 1, silentTo: 2 } : {}) }
  return { nodes, edges, from: 1, to: 2, partial }
}

/** Values a field may wrongly hold: other types, out-of-range numbers, unknown enum values, nothing. */
const WRONG: unknown[] = [undefined, null, -1, 0, 1.5, 2, Infinity, Number.NaN, '', 'x', 'weird', true, {}, [], [1], { nested: 1 }]
const MISSING = Symbol('missing')

/** Every path to a value inside `v` (objects and arrays), the root excluded. */
function paths(v: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  const entries: [string | number, unknown][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : typeof v === 'object' && v !== null ? Object.entries(v) : []
  for (const [k, x] of entries) {
    out.push([...at, k])
    paths(x, [...at, k], out)
  }
  return out
}

/** `v` with the value at `path` replaced (or removed, for MISSING). */
function withValue(v: unknown, path: (string | number)[], value: unknown): unknown {
  const copy: unknown = structuredClone(v)
  let at = copy as Record<string | number, unknown>
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>
  const last = path[path.length - 1]
  if (value === MISSING) {
    if (Array.isArray(at)) at.splice(Number(last), 1)
    else delete at[last]
  } else at[last] = value
  return copy
}

function compare(schema: z.ZodType, check: (body: unknown) => Problem | null, valid: (rnd: Rnd) => unknown, runs: number) {
  let rejected = 0
  for (let seed = 1; seed <= runs; seed++) {
    const rnd = seeded(seed)
    let body = valid(rnd)
    expect(schema.safeParse(body).success, `seed ${seed}: the generator makes valid answers`).toBe(true)
    expect(check(body), `seed ${seed}`).toBeNull()
    const changes = maybe(rnd, 0.7) ? 1 : 2 + int(rnd, 3)
    for (let c = 0; c < changes; c++) {
      const all = paths(body)
      if (all.length === 0) break
      body = withValue(body, pick(rnd, all), maybe(rnd, 0.15) ? MISSING : pick(rnd, WRONG))
    }
    const zod = schema.safeParse(body)
    const hand = check(body)
    const what = `seed ${seed}: ${JSON.stringify(body)}`
    expect(hand === null, what).toBe(zod.success)
    if (!zod.success && hand) {
      rejected++
      expect(hand.path, what).toEqual(zod.error.issues[0].path)
    }
  }
  // the generated changes do make answers invalid, often
  expect(rejected).toBeGreaterThan(runs / 4)
}

describe('wire rules: the hand-written checkers and the zod schemas agree', () => {
  it('on trace answers', () => compare(TraceResponseSchema, checkTraceResponse, validTrace, 2000))
  it('on topology answers', () => compare(TopologyResponseSchema, checkTopologyResponse, validTopology, 2000))
})
