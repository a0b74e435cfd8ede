import { describe, expect, it } from 'vitest'
import type { MetricResult } from '../model'
import { linesFor, type LineColors } from './chart-lines'

const colors: LineColors = {
  main: '#111111',
  secondary: ['#222222'],
  groups: (values) => new Map(values.map((v, i) => [v, `#00000${i}`])),
}
const result = (dcs: string[]): MetricResult => ({
  metric: 'error_rate',
  step: 60_000,
  partial: null,
  series: dcs.map((dc) => ({ labels: { DC: dc }, points: [[0, 0.01]] })),
})

describe('linesFor', () => {
  it('draws each DC of a grouped chart with its own stroke pattern, not only its own hue', () => {
    const lines = linesFor([result(['eu-west', 'us-east', 'ap-south'])], 'DC', colors)
    expect(new Set(lines.map((l) => JSON.stringify(l.dash))).size).toBe(3)
    expect(new Set(lines.map((l) => l.color)).size).toBe(3)
  })

  it('gives a DC the same pattern and colour whatever order the series arrive in', () => {
    const a = linesFor([result(['eu-west', 'us-east', 'ap-south'])], 'DC', colors)
    const b = linesFor([result(['ap-south', 'eu-west', 'us-east'])], 'DC', colors)
    const key = (ls: typeof a) => ls.map((l) => `${l.name} ${JSON.stringify(l.dash)} ${l.color}`).sort()
    expect(key(b)).toEqual(key(a))
  })

  it('keeps an ungrouped chart solid', () => {
    const lines = linesFor([{ ...result(['eu-west']), series: [{ labels: {}, points: [[0, 1]] }] }], undefined, colors)
    expect(lines.map((l) => l.dash)).toEqual(['solid'])
  })

  it('groups by a label named like a member of Object.prototype: series without it are "(none)"', () => {
    const r: MetricResult = {
      metric: 'error_rate',
      step: 60_000,
      partial: null,
      series: [
        { labels: JSON.parse('{"constructor":"v1"}') as Record<string, string>, points: [[0, 0.01]] },
        { labels: { DC: 'eu-west' }, points: [[0, 0.02]] },
      ],
    }
    expect(linesFor([r], 'constructor', colors).map((l) => l.name).sort()).toEqual(['(none)', 'v1'])
  })
})

