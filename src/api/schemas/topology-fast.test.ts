import { describe, expect, it } from 'vitest'
import { TopologyResponseSchema } from './topology'
import { FAST_PATH_ELEMENTS, TopologyResponseFastSchema } from './topology-fast'

const node = (i: number) => ({
  id: `n${i}`, label: `svc-${i}`, service: `svc-${i}`, layer: 'domain', method: null, cluster: 'c1', dc: 'dc1',
  rps: 10, errorRate: 0.01, p50: 1000, p95: 2000, p99: 3000, peakRps: 20, capacityRps: i % 3 ? 50 : null, health: 'ok', alerts: 0, changes: 1,
  silent: i % 2 ? { from: 1, to: 2, seconds: 1, whole: false } : null,
})
const edge = (i: number) => ({ id: `e${i}`, source: `n${i}`, target: `n${i + 1}`, protocol: 'grpc', rps: 5, errorRate: 0, p50: 900, p99: 1500, silent: null })
const body = (n: number): Record<string, unknown> & { nodes: Record<string, unknown>[]; edges: Record<string, unknown>[] } => ({
  nodes: Array.from({ length: n }, (_, i) => node(i)),
  edges: Array.from({ length: n - 1 }, (_, i) => edge(i)),
  from: 1,
  to: 2,
  partial: { missingDcs: ['dc2'], reason: null },
})
const BIG = FAST_PATH_ELEMENTS

describe('TopologyResponseFastSchema', () => {
  it('accepts valid small and large graphs unchanged', () => {
    for (const n of [3, BIG]) expect(TopologyResponseFastSchema.parse(body(n))).toEqual(body(n))
  })

  it('rejects exactly what zod rejects, at the same path, for every field of a large graph', () => {
    const bad: unknown[] = [undefined, null, -1, 1.5, 2, '', 'x', {}, 'critical']
    for (const [list, sample] of [['nodes', node(0)], ['edges', edge(0)]] as const) {
      for (const key of Object.keys(sample)) {
        for (const value of bad) {
          const b = body(BIG)
          b[list][5][key] = value
          const zod = TopologyResponseSchema.safeParse(b)
          const fast = TopologyResponseFastSchema.safeParse(b)
          expect(fast.success, `${list}[5].${key} = ${JSON.stringify(value)}`).toBe(zod.success)
          if (!zod.success) expect(fast.error?.issues[0].path).toEqual(zod.error.issues[0].path)
        }
      }
    }
  })

  it('checks the window and the partial-data note of a large graph', () => {
    const b = body(BIG)
    b.from = 'yesterday'
    expect(TopologyResponseFastSchema.safeParse(b).error?.issues[0].path).toEqual(['from'])
    const c = body(BIG)
    c.partial = { missingDcs: [3], reason: null }
    expect(TopologyResponseFastSchema.safeParse(c).error?.issues[0].path).toEqual(['partial', 'missingDcs', 0])
    const d = body(BIG)
    d.partial = null
    expect(TopologyResponseFastSchema.safeParse(d).success).toBe(true)
  })
})
