import type { TopologyNode } from '../model'
import type { PathAggregate } from './aggregate'
import { pathWhatIf } from './what-if'

const node = (service: string, rps: number, capacityRps: number | null, peakRps = 0): TopologyNode =>
  ({ id: service, label: service, service, layer: 'domain', method: null, cluster: null, dc: null, rps, errorRate: 0, p50: 0, p95: 0, p99: 0, peakRps, capacityRps }) as TopologyNode

const agg = (arrivals: PathAggregate['arrivals']): PathAggregate => ({ arrivals, nodes: [], used: 10 }) as unknown as PathAggregate
const est = (value: number, se: number) => ({ value, se, n: 10 })

describe('capacity what-if on measured call ratios', () => {
  it('adds (factor − 1) × the calls arriving on the entry’s behalf to each service’s whole rate, and judges capacity against the interval', () => {
    const rows = pathWhatIf(
      agg([
        { service: 'orders', operation: null, callsPerEntry: est(1, 0), rps: est(100, 2) },
        { service: 'orders', operation: 'Create', callsPerEntry: est(1, 0), rps: est(100, 2) },
        { service: 'mysql', operation: null, callsPerEntry: est(3, 0.3), rps: est(300, 30) },
        { service: 'cache', operation: null, callsPerEntry: est(0.5, 0.1), rps: est(50, 10) },
        { service: 'nowhere', operation: null, callsPerEntry: est(0.1, 0), rps: est(10, 1) },
      ]),
      3,
      [node('orders', 500, 1000), node('mysql', 900, 1500), node('cache', 200, null, 290)],
    )
    const by = new Map(rows.map((r) => [r.service, r]))
    // orders: 500 + 2 × 100 = 700 of 1000, its interval well below
    expect(by.get('orders')).toMatchObject({ current: 500, expected: 700, capacity: 1000, capacitySource: 'declared', verdict: 'within' })
    expect(by.get('orders')?.extra).toEqual({ value: 200, se: 4, n: 10 })
    // mysql: 900 + 600 = 1500 ± 118: the capacity lies inside the interval
    expect(by.get('mysql')).toMatchObject({ expected: 1500, verdict: 'uncertain' })
    // cache: 200 + 100 ± 39 against its observed peak 290: uncertain; at × 5 it is over even at the low end
    expect(by.get('cache')).toMatchObject({ capacitySource: 'peak', verdict: 'uncertain' })
    expect(pathWhatIf(agg([{ service: 'cache', operation: null, callsPerEntry: est(0.5, 0.1), rps: est(50, 10) }]), 5, [node('cache', 200, null, 290)])[0]?.verdict).toBe('over')
    // a service the topology does not know: no verdict, never a guess
    expect(by.get('nowhere')).toMatchObject({ current: null, expected: null, verdict: 'unknown' })
    // operation rows are not counted twice
    expect(rows.filter((r) => r.service === 'orders')).toHaveLength(1)
    expect(rows[rows.length - 1]?.service).toBe('nowhere')
  })
})
