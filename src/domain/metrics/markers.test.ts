import type { Alert, ChangeEvent } from '../model'
import { changeText, labelPriority, labelSide, labelWidth, markersAt, placeAlertLabels, placeLabels, visibleAlertArea, visibleChanges } from './markers'

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

describe('alert label placement', () => {
  // 600 px for an hour: 10 px a minute; each label about 180 px (18 minutes) wide
  const area = (key: string, fromMin: number, toMin = 60) => ({ key, from: fromMin * MIN, to: toMin * MIN, text: `alert: ${key} error rate above 5 % on ReserveStock` })
  const boxOf = (l: { side: 'left' | 'right'; text: string; key: string }, items: ReturnType<typeof area>[]) => {
    const it = items.find((i) => i.key === l.key)!
    const w = labelWidth(l.text, 180)
    const x = ((l.side === 'left' ? it.from : it.to) / (60 * MIN)) * 600
    return l.side === 'left' ? [x, x + w] : [x - w, x]
  }
  const noOverlap = (labels: ReturnType<typeof placeAlertLabels>, items: ReturnType<typeof area>[]) => {
    for (const a of labels) for (const b of labels) {
      if (a === b || a.row !== b.row) continue
      const [a0, a1] = boxOf(a, items)
      const [b0, b1] = boxOf(b, items)
      expect(a0 >= b1 || b0 >= a1, `${a.key} and ${b.key} overlap`).toBe(true)
    }
  }

  it('labels far-apart alerts each on the top row', () => {
    const items = [area('a', 2, 6), area('b', 40, 44)]
    const labels = placeAlertLabels(items, view, 600, 180)
    expect(labels.map((l) => [l.key, l.row, l.text])).toEqual([['a', 'top', items[0]!.text], ['b', 'top', items[1]!.text]])
  })

  it('staggers two close alerts over the top and bottom rows', () => {
    const items = [area('a', 10), area('b', 12)]
    const labels = placeAlertLabels(items, view, 600, 180)
    expect(labels.map((l) => [l.key, l.row])).toEqual([['a', 'top'], ['b', 'bottom']])
    noOverlap(labels, items)
  })

  it('collapses three or more close alerts into one label that counts them, and keeps a separate one apart', () => {
    const items = [area('c', 41), area('a', 40), area('b', 42), area('d', 5, 8)]
    const labels = placeAlertLabels(items, view, 600, 180)
    expect(labels).toHaveLength(2)
    const collapsed = labels.find((l) => l.keys.length > 1)!
    expect(collapsed.text).toBe('3 alerts')
    expect(collapsed.key).toBe('a')
    expect([...collapsed.keys].sort()).toEqual(['a', 'b', 'c'])
    expect(labels.find((l) => l.key === 'd')?.text).toBe(items[3]!.text)
    noOverlap(labels, items)
  })

  it('groups through a chain of touching labels, whichever way each runs', () => {
    // labels in the right half end at their area's end (here the window's end): all four touch
    const items = [area('a', 31, 60), area('b', 35, 60), area('c', 50, 52), area('d', 20, 24)]
    const labels = placeAlertLabels(items, view, 600, 180)
    noOverlap(labels, items)
    expect(labels.reduce((n, l) => n + l.keys.length, 0)).toBe(4)
    expect(placeAlertLabels(items, view, 0, 180)).toEqual([])
  })
})
