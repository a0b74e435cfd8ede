import type { Alert, ChangeEvent } from '../model'
import { changeText, labelPriority, labelSide, markersAt, placeLabels, visibleAlertArea, visibleChanges } from './markers'

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

describe('marker label placement', () => {
  const item = (key: string, minute: number, own = false) => ({ key, time: minute * MIN, text: 'deploy: stock-service v2.14.0', priority: own ? 1 : 0 })

  it('leaves out labels that would overlap, keeping the own service and then the most recent', () => {
    // 600 px for an hour: 10 px a minute; each label is about 170 px wide
    const placed = placeLabels([item('a', 5), item('b', 8), item('c', 12, true), item('d', 50), item('e', 55)], view, 600, 180)
    expect([...placed].sort()).toEqual(['c', 'e'])
  })

  it('ranks deploys first, then the series\' own changes', () => {
    const config: ChangeEvent = { ...deploy(0), kind: 'config', service: 'api-gateway' }
    expect(labelPriority(deploy(0), 'api-gateway')).toBeGreaterThan(labelPriority(config, 'api-gateway'))
    expect(labelPriority(config, 'api-gateway')).toBeGreaterThan(labelPriority({ ...config, service: 'other' }, 'api-gateway'))
  })

  it('keeps every label when there is room', () => {
    expect(placeLabels([item('a', 5), item('b', 50)], view, 600, 180).size).toBe(2)
    expect(placeLabels([item('a', 5)], view, 0, 180).size).toBe(0)
  })

  it("says whose change it is: the chart's own service, or another one", () => {
    const c = deploy(10 * MIN)
    expect(changeText(c, 'stock-service')).toBe('deploy: stock-service v2.14.0')
    expect(changeText(c, 'order-service')).toBe('deploy of stock-service v2.14.0')
    expect(markersAt([c], [], 10 * MIN, MIN, 'order-service')).toEqual(['deploy of stock-service v2.14.0'])
  })
})
