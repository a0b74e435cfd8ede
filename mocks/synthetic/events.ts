import type { AlertsResponse, ChangesResponse } from '../../src/api/schemas/events'
import { hash32 } from './prng'
import { CANARY_CLUSTERS, DEPLOY_VERSION, OUTAGE_DC, PANIC_OPERATION, PANIC_SERVICE, SPIKE_SERVICE } from './incidents'
import type { Incidents } from './incidents'
import { versionOf } from './spans'
import type { World } from './world'

type ChangeWire = ChangesResponse['changes'][number]
type AlertWire = AlertsResponse['alerts'][number]

const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR

/**
 * Change events: the incident-A deploy plus routine deploys, config pushes and scaling, placed by
 * hashing (service, day) so any window answers the same. Nothing after the anchor ("now").
 */
export function changesIn(world: World, inc: Incidents, from: number, to: number, service?: string): ChangeWire[] {
  const out: ChangeWire[] = []
  const push = (c: ChangeWire): void => {
    if (c.time >= from && c.time < to && c.time <= inc.anchor && (!service || c.service === service)) out.push(c)
  }
  push({ id: `chg-incident-a-${inc.deployA}`, time: inc.deployA, service: PANIC_SERVICE, kind: 'deploy', description: `Deploy ${PANIC_SERVICE} ${DEPLOY_VERSION} (canary: ${CANARY_CLUSTERS.join(', ')}; rollout paused there)`, version: DEPLOY_VERSION, dc: null, cluster: null, deployStage: 'canary' })
  const firstDay = Math.floor(Math.max(from, inc.anchor - 30 * DAY) / DAY)
  const lastDay = Math.floor(Math.min(to, inc.anchor) / DAY)
  for (let day = firstDay; day <= lastDay; day++) {
    for (const svc of world.services.slice(0, 60)) {
      if (svc.layer === 'storage' || svc.layer === 'mq') continue
      const h = hash32(svc.idx, day, 41)
      if (h % 100 < 22) {
        const time = day * DAY + (h >>> 8) % DAY
        // Keep the hour before the anchor, and the same hour a day earlier, free of routine changes.
        if (Math.abs(time - inc.anchor) < 90 * MIN || Math.abs(time - (inc.anchor - DAY)) < 90 * MIN) continue
        const stage = ['canary', 'single-DC', 'full'][(h >>> 4) % 3]
        const dc = stage === 'full' ? null : svc.dcs[(h >>> 6) % svc.dcs.length]
        push({
          id: `chg-${svc.name}-${day}-d`,
          time,
          service: svc.name,
          kind: 'deploy',
          description: `Deploy ${svc.name} ${versionOf(svc.name, time, inc, null)} (${stage})`,
          version: versionOf(svc.name, time, inc, null),
          dc,
          cluster: dc && stage === 'canary' ? `${dc.replace('dc-', '')}-prod-1` : null,
          deployStage: stage,
        })
      }
      if (h % 100 >= 90) {
        const time = day * DAY + ((h >>> 3) * 7) % DAY
        if (Math.abs(time - inc.anchor) < 90 * MIN || Math.abs(time - (inc.anchor - DAY)) < 90 * MIN) continue
        push({ id: `chg-${svc.name}-${day}-c`, time, service: svc.name, kind: 'config', description: `Config push: ${svc.name} feature flags`, version: null, dc: null, cluster: null, deployStage: null })
      }
    }
    const scaleAt = day * DAY + 8 * HOUR
    push({ id: `chg-api-gateway-${day}-s`, time: scaleAt, service: 'api-gateway', kind: 'scale', description: 'Autoscaler: api-gateway 24 → 36 pods for the afternoon peak', version: null, dc: null, cluster: null, deployStage: null })
  }
  return out.sort((a, b) => a.time - b.time)
}

/** Alerts of the incidents plus a few older resolved ones; active ones have endsAt null. */
export function alertsIn(inc: Incidents, from: number, to: number, service?: string): AlertWire[] {
  const all: AlertWire[] = [
    { id: `al-a-stock-${inc.deployA}`, service: PANIC_SERVICE, severity: 'critical', startsAt: inc.deployA + 2 * MIN, endsAt: null, summary: `${PANIC_OPERATION} error rate above 5% (panics since ${DEPLOY_VERSION})`, metric: 'error_rate' },
    { id: `al-a-gw-${inc.deployA}`, service: 'api-gateway', severity: 'critical', startsAt: inc.deployA + 3 * MIN, endsAt: null, summary: 'POST /api/checkout error rate above 5%', metric: 'error_rate' },
    { id: `al-a-bff-${inc.deployA}`, service: 'checkout-bff', severity: 'warning', startsAt: inc.deployA + 3 * MIN, endsAt: null, summary: 'PlaceOrder answers 502 on more than 1% of calls', metric: 'error_rate' },
    { id: `al-b-${inc.spikeFrom}`, service: SPIKE_SERVICE, severity: 'warning', startsAt: inc.spikeFrom + MIN, endsAt: inc.spikeTo + 2 * MIN, summary: `${SPIKE_SERVICE} p99 latency above 20 ms`, metric: 'latency_p99' },
    { id: `al-c-${inc.outageFrom}`, service: 'api-gateway', severity: 'warning', startsAt: inc.outageFrom + MIN, endsAt: inc.outageTo + MIN, summary: `No data from ${OUTAGE_DC} collectors`, metric: 'request_rate' },
    { id: `al-old-pay-${inc.anchor}`, service: 'payment-service', severity: 'warning', startsAt: inc.anchor - 5 * HOUR, endsAt: inc.anchor - 5 * HOUR + 14 * MIN, summary: 'Charge p99 latency above 200 ms', metric: 'latency_p99' },
    { id: `al-old-search-${inc.anchor}`, service: 'search-service', severity: 'warning', startsAt: inc.anchor - 30 * HOUR, endsAt: inc.anchor - 30 * HOUR + 9 * MIN, summary: 'Query error rate above 1%', metric: 'error_rate' },
  ]
  return all.filter((a) => a.startsAt < to && (a.endsAt ?? Infinity) >= from && a.startsAt <= inc.anchor && (!service || a.service === service))
}
