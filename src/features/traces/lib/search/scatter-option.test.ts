import { describe, expect, it } from 'vitest'
import type { TraceSummary } from '../../../../domain/model'
import { SCATTER_SERIES, buildScatterOption } from './scatter-option'

const t = (traceId: string, errorCount: number, rootOperation = 'GET /api/products'): TraceSummary => ({
  traceId,
  rootService: 'api-gateway',
  rootOperation,
  startTime: 1_000_000_000,
  duration: 250_000,
  spanCount: 100,
  errorCount,
  services: [],
  sampling: { mode: 'posttrace', rate: 0.001 },
})
const colors = { ok: 'blue', error: 'red', fg: 'black', muted: 'grey', grid: 'lightgrey', bg: 'white' }

describe('buildScatterOption', () => {
  it('puts traces with errors in their own triangle series, each dot named by its trace id', () => {
    const option = buildScatterOption([t('a', 0), t('b', 3)], { from: 0, to: 2_000_000 }, colors)
    const series = option.series as { symbol: string; data: { name: string; value: number[] }[] }[]
    expect(series[SCATTER_SERIES.ok].symbol).toBe('circle')
    expect(series[SCATTER_SERIES.ok].data.map((d) => d.name)).toEqual(['a'])
    expect(series[SCATTER_SERIES.error].symbol).toBe('triangle')
    expect(series[SCATTER_SERIES.error].data[0]).toMatchObject({ name: 'b', value: [1_000_000, 250] })
  })

  it('shows hostile operation names as text in the tooltip', () => {
    const option = buildScatterOption([t('x', 0, '<img src=x onerror=alert(1)>')], { from: 0, to: 1 }, colors)
    const formatter = (option.tooltip as { formatter: (p: unknown) => string }).formatter
    const html = formatter({ name: 'x' })
    expect(html).not.toContain('<img')
    expect(html).toContain('&lt;img')
  })

  it('counts spans and errors in words that agree with the number: "1 span · 1 error", "1,200 spans · 3 errors"', () => {
    const one = { ...t('one', 1), spanCount: 1 }
    const many = { ...t('many', 3), spanCount: 1200 }
    const option = buildScatterOption([one, many], { from: 0, to: 2_000_000 }, colors)
    const formatter = (option.tooltip as { formatter: (p: unknown) => string }).formatter
    expect(formatter({ name: 'one' })).toContain('1 span · 1 error<br/>')
    expect(formatter({ name: 'many' })).toContain('1,200 spans · 3 errors<br/>')
  })
})
