import { DC_SHARES, DCS } from './world-catalog'
import { attemptsPerCall, isPanic, placementErr } from './traffic'
import type { SlotState } from './traffic'
import { OUTAGE_DC, PANIC_SHARE } from './incidents'
import type { Incidents } from './incidents'
import { deployStageOf, versionOf } from './spans'
import type { OpRec, Placement, World } from './world'

/**
 * How one operation's calls split over the values of a label (the span tags that metrics carry).
 * `errorRate` overrides the group's error rate (DC, Cluster, PodName, DeployStage and Version: that
 * part's own rate; StatusCode, IsError: 0 or 1); `missing` marks a group whose
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

/** Calls split by a value each cluster has (deploy stage, version), with each group's failure rate. */
function byPlacement(world: World, op: OpRec, st: SlotState, valueOf: (pl: Placement) => string): Share[] {
  const groups = new Map<string, { share: number; errs: number }>()
  world.services[op.service].placements.forEach((pl, k) => {
    const g = groups.get(valueOf(pl)) ?? { share: 0, errs: 0 }
    g.share += pl.trafficShare
    g.errs += pl.trafficShare * placementErr(world, st, op.idx, k)
    groups.set(valueOf(pl), g)
  })
  return [...groups].map(([value, g]) => ({ value, share: g.share, errorRate: g.share > 0 ? g.errs / g.share : 0, missing: false }))
}

export function sharesOf(world: World, op: OpRec, label: MetricLabel, st: SlotState, ms: number, inc: Incidents, outage: boolean): Share[] {
  const miss = (dc: string): boolean => outage && dc === OUTAGE_DC
  const plain = (value: string, share: number): Share => ({ value, share, errorRate: null, missing: false })
  switch (label) {
    case 'operation':
      return [plain(op.name, 1)]
    case 'DC':
      return dcShares(world, op).map((d) => ({ value: d.dc, share: d.share, errorRate: st.errDc[DCS.indexOf(d.dc as (typeof DCS)[number])][op.idx], missing: miss(d.dc) }))
    case 'Cluster':
    case 'PodName': {
      const dcs = new Map(dcShares(world, op).map((d) => [d.dc, d.share]))
      return world.services[op.service].placements.flatMap((pl, k) => {
        const s = (dcs.get(pl.dc) ?? 0) * pl.share
        const errorRate = placementErr(world, st, op.idx, k)
        if (label === 'Cluster') return [{ value: pl.cluster, share: s, errorRate, missing: miss(pl.dc) }]
        return pl.pods.map((p) => ({ value: p.name, share: s / pl.pods.length, errorRate, missing: miss(pl.dc) }))
      })
    }
    case 'DeployStage':
      return byPlacement(world, op, st, (pl) => deployStageOf(op.serviceName, pl.cluster, ms, inc))
    case 'Env':
      return [plain('prod', 1)]
    case 'Version':
      return byPlacement(world, op, st, (pl) => versionOf(op.serviceName, ms, inc, pl.cluster))
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
      const pls = world.services[op.service].placements
      const panicShare = Math.min(own, pls.reduce((a, pl) => a + (isPanic(op, ms, inc, pl) ? pl.trafficShare * PANIC_SHARE : 0), 0))
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
