import type { Alert, ChangeEvent } from '../model'
import { labelSide, markersAt, visibleAlertArea, visibleChanges } from './markers'

const MIN = 60_000
const deploy = (time: number): ChangeEvent => ({
  id: `c${time}`, time, service: 'stock-service', kind: 'deploy', description: 'rollout', version: 'v2.14.0', dc: null, cluster: null, deployStage: null,
})
const alert = (startsAt: number, endsAt: number | null): Alert => ({
  id: `a${startsAt}`, service: 'stock-service', severity: 'critical', startsAt, endsAt, summary: 'ReserveStock error rate above 5 %', metric: 'error_rate',
})
const view = { from: 0, to: 60 * MIN }

describe('chart markers', () => {
  it('runs a label away from the nearest edge of the chart', () => {
    expect(labelSide(1 * MIN, view)).toBe('left')
    expect(labelSide(29 * MIN, view)).toBe('left')
    expect(labelSide(31 * MIN, view)).toBe('right')
    expect(labelSide(59 * MIN, view)).toBe('right')
  })

  it('draws only the markers inside the visible (zoomed) window', () => {
    expect(visibleChanges([deploy(-MIN), deploy(10 * MIN), deploy(61 * MIN)], view).map((c) => c.time)).toEqual([10 * MIN])
    // an alert that began before the zoomed part starts at its left edge, not over the axis
    expect(visibleAlertArea(alert(-30 * MIN, null), view)).toEqual({ from: 0, to: 60 * MIN })
    expect(visibleAlertArea(alert(10 * MIN, 20 * MIN), view)).toEqual({ from: 10 * MIN, to: 20 * MIN })
    expect(visibleAlertArea(alert(-30 * MIN, -10 * MIN), view)).toBeNull()
  })

  it('names in full the changes near a point and the alerts active during its step', () => {
    const changes = [deploy(40 * MIN + 5_000)]
    const alerts = [alert(41 * MIN, null)]
    // the point at 40 min stands for [40 min, 41 min): the deploy is in it, the alert not yet
    expect(markersAt(changes, alerts, 40 * MIN, MIN)).toEqual(['deploy: stock-service v2.14.0'])
    // the step after still names the deploy, and the alert that started
    expect(markersAt(changes, alerts, 41 * MIN, MIN)).toEqual(['deploy: stock-service v2.14.0', 'alert: ReserveStock error rate above 5 %'])
    expect(markersAt(changes, alerts, 45 * MIN, MIN)).toEqual(['alert: ReserveStock error rate above 5 %'])
    expect(markersAt(changes, [alert(41 * MIN, 42 * MIN)], 43 * MIN, MIN)).toEqual([])
  })
})
