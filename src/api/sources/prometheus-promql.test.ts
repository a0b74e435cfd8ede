import { exemplarsToDomain } from './prometheus-map'
import { familyLabels, pickFamily, promString, redQuery } from './prometheus-promql'
import type { SpanMetricsFamily } from './prometheus-promql'

describe('span-metrics family discovery', () => {
  it('recognises the OpenTelemetry connector naming in milliseconds', () => {
    const base = pickFamily(['traces_span_metrics_calls_total', 'traces_span_metrics_duration_milliseconds_bucket', 'up'])
    expect(base).toMatchObject({ calls: 'traces_span_metrics_calls_total', bucket: 'traces_span_metrics_duration_milliseconds_bucket', toMicros: 1e3 })
    expect(familyLabels(['__name__', 'service_name', 'span_name', 'span_kind', 'status_code'])).toMatchObject({ service: 'service_name', operation: 'span_name' })
  })

  it('recognises the connector in seconds and the older processor names', () => {
    expect(pickFamily(['traces_span_metrics_calls_total', 'traces_span_metrics_duration_seconds_bucket'])?.toMicros).toBe(1e6)
    const old = pickFamily(['calls_total', 'latency_bucket'])
    expect(old).toMatchObject({ calls: 'calls_total', bucket: 'latency_bucket', toMicros: 1e3 })
    expect(familyLabels(['service_name', 'operation', 'status_code']).operation).toBe('operation')
  })

  it('finds nothing when only a counter or only a histogram exists', () => {
    expect(pickFamily(['traces_spanmetrics_calls_total'])).toBeNull()
    expect(pickFamily(['latency_bucket'])).toBeNull()
  })
})

const CONNECTOR_MS: SpanMetricsFamily = {
  description: 'connector ms',
  calls: 'traces_span_metrics_calls_total',
  bucket: 'traces_span_metrics_duration_milliseconds_bucket',
  toMicros: 1e3,
  service: 'service_name',
  operation: 'span_name',
  kind: 'span_kind',
  status: 'status_code',
  errorValue: 'STATUS_CODE_ERROR',
}

describe('PromQL for the RED series', () => {
  it('escapes user-entered values so they cannot break out of the selector', () => {
    expect(promString('a"b\\c')).toBe('"a\\"b\\\\c"')
    const q = redQuery(CONNECTOR_MS, 'request_rate', { service: 'x"} or vector(1) #', filters: [{ key: 'bad key', value: 'v' }] }, 60)
    expect(q).toBe('sum (rate(traces_span_metrics_calls_total{service_name="x\\"} or vector(1) #",span_kind=~"SPAN_KIND_SERVER|SPAN_KIND_CONSUMER"}[60s]))')
  })

  it('converts latency quantiles to µs with the unit of the family', () => {
    expect(redQuery(CONNECTOR_MS, 'latency_p95', { service: 's', groupBy: 'span_name' }, 120)).toBe(
      'histogram_quantile(0.95, sum by (le, span_name) (rate(traces_span_metrics_duration_milliseconds_bucket{service_name="s",span_kind=~"SPAN_KIND_SERVER|SPAN_KIND_CONSUMER"}[120s]))) * 1000',
    )
  })

  it('measures a whole service by the spans it serves, an operation or a chosen kind by exactly what it names', () => {
    expect(redQuery(CONNECTOR_MS, 'request_rate', { service: 's' }, 60)).toBe('sum (rate(traces_span_metrics_calls_total{service_name="s",span_kind=~"SPAN_KIND_SERVER|SPAN_KIND_CONSUMER"}[60s]))')
    expect(redQuery(CONNECTOR_MS, 'request_rate', { service: 's', operation: 'GET' }, 60)).toBe('sum (rate(traces_span_metrics_calls_total{service_name="s",span_name="GET"}[60s]))')
    expect(redQuery(CONNECTOR_MS, 'request_rate', { service: 's', filters: [{ key: 'span_kind', value: 'SPAN_KIND_CLIENT' }] }, 60)).toBe(
      'sum (rate(traces_span_metrics_calls_total{service_name="s",span_kind="SPAN_KIND_CLIENT"}[60s]))',
    )
    // series without a kind label: nothing to select on
    expect(redQuery({ ...CONNECTOR_MS, kind: null }, 'request_rate', { service: 's' }, 60)).toBe('sum (rate(traces_span_metrics_calls_total{service_name="s"}[60s]))')
  })

  it('has no query for series that span metrics do not carry', () => {
    expect(redQuery(CONNECTOR_MS, 'mq_lag', { service: 's' }, 60)).toBeNull()
  })
})

describe('exemplars of a millisecond histogram', () => {
  it('gives the latency in µs and accepts Jaeger-style trace id labels', () => {
    const ex = exemplarsToDomain(
      [
        {
          seriesLabels: { __name__: CONNECTOR_MS.bucket, service_name: 'cart', span_name: 'AddItem', status_code: 'STATUS_CODE_UNSET', le: '250' },
          exemplars: [{ labels: { traceID: 'abc123' }, value: '120.5', timestamp: 1_700_000_000.25 }],
        },
      ],
      CONNECTOR_MS,
    )
    expect(ex).toEqual([
      { time: 1_700_000_000_250, traceId: 'abc123', spanId: '', service: 'cart', operation: 'AddItem', latency: 120_500, isError: false, labels: { service_name: 'cart', span_name: 'AddItem', status_code: 'STATUS_CODE_UNSET' } },
    ])
  })
})
