/**
 * Call ratios measured from an entry's sampled traces, the one source of the capacity what-ifs
 * (the paths page's and the topology's): per service, the calls arriving there per entry request
 * (its nodes whose parent node is another service's, summed over every place in the path, one
 * ratio estimator per service: `arrivals` in aggregate.ts); per caller → callee service pair, the
 * calls per entry request along it (the nodes' own ratios summed: a ratio estimator is linear in
 * its numerator). Pure.
 */
import type { PathAggregate } from './aggregate'
import type { Estimate } from './moments'

export interface MeasuredRatios {
  entry: { service: string; operation: string }
  /** service → calls arriving there per entry request (the entry's own service: 1, the entry itself) */
  services: Map<string, Estimate>
  /** `caller->callee` → calls per entry request along that service pair */
  edges: Map<string, number>
  /** traces the ratios rest on */
  traces: number
}

export function measuredRatios(agg: PathAggregate): MeasuredRatios {
  const services = new Map<string, Estimate>()
  for (const a of agg.arrivals) if (a.operation === null) services.set(a.service, a.callsPerEntry)
  const serviceOf = new Map(agg.nodes.map((n) => [n.key, n.service]))
  const edges = new Map<string, number>()
  for (const n of agg.nodes) {
    const from = n.parent === null ? undefined : serviceOf.get(n.parent)
    if (from === undefined || from === n.service) continue
    const k = `${from}->${n.service}`
    edges.set(k, (edges.get(k) ?? 0) + n.callsPerEntry.value)
  }
  return { entry: agg.entry, services, edges, traces: agg.used }
}

/** The extra load of "these entries × factor" along their measured ratios: calls/s per service (with its uncertainty) and per service pair. */
export interface MeasuredExtra {
  services: Map<string, Estimate>
  edges: Map<string, number>
}

/**
 * `parts`: each entry operation's current rate (requests/s; exact when it comes from the metrics)
 * and its measured ratios. A service's extra is Σ (factor − 1) × rate × calls per request; its
 * standard error combines the ratios' (the entries' samples are independent), the rates taken as
 * exact.
 */
export function measuredExtra(parts: readonly { rps: number; ratios: MeasuredRatios }[], factor: number): MeasuredExtra {
  const k = factor - 1
  const acc = new Map<string, { value: number; v: number; n: number }>()
  const edges = new Map<string, number>()
  for (const { rps, ratios } of parts) {
    for (const [svc, r] of ratios.services) {
      const a = acc.get(svc) ?? { value: 0, v: 0, n: 0 }
      a.value += k * rps * r.value
      a.v += (k * rps * r.se) ** 2
      a.n += r.n
      acc.set(svc, a)
    }
    for (const [pair, r] of ratios.edges) edges.set(pair, (edges.get(pair) ?? 0) + k * rps * r)
  }
  const services = new Map<string, Estimate>()
  for (const [svc, a] of acc) services.set(svc, { value: a.value, se: Math.sqrt(a.v), n: a.n })
  return { services, edges }
}
