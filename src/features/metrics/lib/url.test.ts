import { describe, expect, it } from 'vitest'
import { readMetricsUrl, writeMetricsUrl } from './url'

describe('metrics URL state', () => {
  it('round-trips the scope, zoom and selection so Back restores them', () => {
    const p = writeMetricsUrl(new URLSearchParams('range=30m'), {
      service: 'api-gateway',
      operation: 'POST /api/checkout',
      filters: [{ key: 'DC', value: 'dc-east' }],
      groupBy: 'DC',
      pct: 'latency_p95',
      zoom: { from: 1000, to: 5000 },
      chart: 'error_rate',
      sel: { from: 2000, to: 3000 },
      point: true,
      series: 'dc-east',
      base: 'yesterday',
    })
    expect(p.get('range')).toBe('30m')
    expect(p.getAll('filter')).toEqual(['DC=dc-east'])
    expect(readMetricsUrl(p)).toEqual({
      service: 'api-gateway', operation: 'POST /api/checkout', filters: [{ key: 'DC', value: 'dc-east' }], groupBy: 'DC', pct: 'latency_p95',
      zoom: { from: 1000, to: 5000 }, chart: 'error_rate', sel: { from: 2000, to: 3000 }, point: true, series: 'dc-east', base: 'yesterday', at: null, step: null,
    })
  })

  it('ignores malformed values instead of failing', () => {
    const s = readMetricsUrl(new URLSearchParams('service=a&chart=nope&sel=5-1&zoom=x&at=abc&pct=p42'))
    expect(s).toMatchObject({ service: 'a', chart: null, sel: null, zoom: null, at: null, pct: 'latency_p99' })
  })

  it('reads the reverse link contract (metricsHref: service, operation, at)', () => {
    const s = readMetricsUrl(new URLSearchParams('service=stock-service&operation=ReserveStock&at=1795000000000'))
    expect(s).toMatchObject({ service: 'stock-service', operation: 'ReserveStock', at: 1795000000000 })
  })
})
