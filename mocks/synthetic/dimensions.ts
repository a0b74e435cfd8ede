import { DC_SHARES, DCS } from './world-catalog'
import { attemptsPerCall, isPanic } from './traffic'
import type { SlotState } from './traffic'
import { OUTAGE_DC } from './incidents'
import type { Incidents } from './incidents'
import { versionOf } from './spans'
import type { OpRec, World } from './world'

/**
 * How one operation's calls split over the values of a label (the span tags that metrics carry).
 * `errorRate` overrides the group's error rate (StatusCode, IsError); `missing` marks a group whose
 * DC did not answer.
 */
export interface Share {
  value: string
  share: number
  errorRate: number | null
  missing: boolean
}

export const METRIC_LABELS = ['operation', 'DC', 'Cluster', 'PodName', 'DeployStage', 'Env', 'Version', 'StatusCode', 'IsError', 'FromService'] as const
export type MetricLabel = (typeof METRIC_LABELS)[number]

export const isMetricLabel = (s: string): s is MetricLabel => (METRIC_LABELS as readonly string[]).includes(s)

export function dcShares(world: World, op: OpRec): { dc: string; share: number }[] {
  const dcs = world.services[op.service].dcs
  const total = dcs.reduce((a, d) => a + DC_SHARES[DCS.indexOf(d as (typeof DCS)[number])], 0)
  return dcs.map((d) => ({ dc: d, share: DC_SHARES[DCS.indexOf(d as (typeof DCS)[number])] / total }))
}

export function sharesOf(world: World, op: OpRec, label: MetricLabel, st: SlotState, ms: number, inc: Incidents, outage: boolean): Share[] {
  const miss = (dc: string): boolean => outage && dc === OUTAGE_DC
  const plain = (value: string, share: number): Share => ({ value, share, errorRate: null, missing: false })
  switch (label) {
    case 'operation':
      return [plain(op.name, 1)]
    case 'DC':
      return dcShares(world, op).map((d) => ({ value: d.dc, share: d.share, errorRate: null, missing: miss(d.dc) }))
    case 'Cluster':
    case 'PodName': {
      const dcs = new Map(dcShares(world, op).map((d) => [d.dc, d.share]))
      return world.services[op.service].placements.flatMap((pl) => {
        const s = (dcs.get(pl.dc) ?? 0) * pl.share
        if (label === 'Cluster') return [{ value: pl.cluster, share: s, errorRate: null, missing: miss(pl.dc) }]
        return pl.pods.map((p) => ({ value: p.name, share: s / pl.pods.length, errorRate: null, missing: miss(pl.dc) }))
      })
    }
    case 'DeployStage':
      return [plain('full', 1)]
    case 'Env':
      return [plain('prod', 1)]
    case 'Version':
      return [plain(versionOf(op.serviceName, ms, inc), 1)]
    case 'IsError': {
      const e = st.err[op.idx]
      return [
        { value: '0', share: 1 - e, errorRate: 0, missing: false },
        { value: '1', share: e, errorRate: 1, missing: false },
      ]
    }
    case 'StatusCode': {
      const e = st.err[op.idx]
      const own = st.own[op.idx]
      const panicShare = isPanic(op, ms, inc) ? Math.min(own, 0.3) : 0
      const other = Math.max(0, own - panicShare)
      const propagated = Math.max(0, e - own)
      const codes = new Map<string, number>([['200', 1 - e]])
      const add = (code: number, s: number): void => {
        codes.set(String(code), (codes.get(String(code)) ?? 0) + s)
      }
      add(500, panicShare + other * 0.6)
      add(503, other * 0.25)
      add(504, other * 0.15)
      add(op.convert ?? 500, propagated)
      return [...codes.entries()].map(([value, share]) => ({ value, share, errorRate: value === '200' ? 0 : 1, missing: false }))
    }
    case 'FromService': {
      if (op.callers.length === 0) return [plain('internet', 1)]
      const by = new Map<string, number>()
      let total = 0
      for (const c of op.callers) {
        const r = st.rate[c.from] * attemptsPerCall(c.call, st.err)
        total += r
        const name = world.ops[c.from].serviceName
        by.set(name, (by.get(name) ?? 0) + r)
      }
      return [...by.entries()].map(([value, r]) => plain(value, total > 0 ? r / total : 0))
    }
  }
}

/** Every value a label takes for a service (for the labels endpoint). */
export function labelValues(world: World, serviceName: string, st: SlotState, ms: number, inc: Incidents): Record<string, string[]> {
  const svc = world.serviceByName.get(serviceName)
  if (!svc) return {}
  const out: Record<string, string[]> = {}
  for (const label of METRIC_LABELS) {
    const values = new Set<string>()
    for (const i of svc.ops) for (const s of sharesOf(world, world.ops[i], label, st, ms, inc, false)) values.add(s.value)
    if (label === 'StatusCode') ['200', '500', '503', '504'].forEach((v) => values.add(v))
    out[label] = [...values].sort()
  }
  return out
}
