import { describe, expect, it } from 'vitest'
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api'
import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer'
import { resourceFromAttributes } from '@opentelemetry/resources'
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base'
import { isFormatError } from './format-error'
import { jaegerToTraces, traceToJaeger } from './jaeger'
import { nanosToMicros, normalizeId, otlpToTraces, traceToOtlp } from './otlp'
import { sampleTrace } from './sample-trace.test-util'

/** OTLP JSON exactly as the OpenTelemetry JS SDK's OTLP/HTTP JSON exporter writes it. */
function sdkOtlpJson(): unknown {
  const exporter = new InMemorySpanExporter()
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'checkout-bff', 'k8s.pod.name': 'checkout-bff-7', 'cloud.availability_zone': 'dc-east' }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  })
  const tracer = provider.getTracer('test')
  const parent = tracer.startSpan('PlaceOrder', { kind: SpanKind.SERVER, attributes: { 'rpc.system': 'grpc', 'rpc.service': 'checkout.Checkout', 'rpc.method': 'PlaceOrder' } })
  {
    const child = tracer.startSpan('CreateOrder', {
      kind: SpanKind.CLIENT,
      attributes: { 'rpc.system': 'grpc', 'peer.service': 'order-service', 'rpc.method': 'CreateOrder', 'server.address': '10.1.2.3', 'server.port': 9090, 'order.items': 3, tags: ['a', 'b'] },
    }, trace.setSpan(ROOT_CONTEXT, parent))
    child.addEvent('exception', { 'exception.type': 'OrderError', 'exception.message': 'upstream failed' })
    child.setStatus({ code: SpanStatusCode.ERROR, message: 'upstream failed' })
    child.end()
    parent.end()
  }
  const bytes = JsonTraceSerializer.serializeRequest(exporter.getFinishedSpans())
  return JSON.parse(new TextDecoder().decode(bytes))
}

describe('otlpToTraces', () => {
  it('reads OTLP JSON written by the OpenTelemetry SDK, mapping conventions onto console fields', () => {
    const traces = otlpToTraces(sdkOtlpJson())
    expect(traces).toHaveLength(1)
    const spans = traces[0].spans
    const server = spans.find((s) => s.name === 'PlaceOrder')
    const client = spans.find((s) => s.name === 'CreateOrder')
    expect(server?.parentSpanId).toBeNull()
    expect(client?.parentSpanId).toBe(server?.spanId)
    expect(server?.kind).toBe('server')
    expect(server?.service).toBe('checkout-bff')
    expect(server?.resource).toMatchObject({ ServiceName: 'checkout-bff', PodName: 'checkout-bff-7', DC: 'dc-east' })
    expect(server?.tags).toMatchObject({ Method: 'checkout.Checkout/PlaceOrder', IsError: 0 })
    expect(client?.tags).toMatchObject({
      Method: 'CreateOrder',
      ToService: 'order-service',
      ToMethod: 'CreateOrder',
      ToServiceType: 'grpc',
      ToAddr: '10.1.2.3:9090',
      IsError: 1,
      'order.items': 3,
      tags: '["a","b"]',
    })
    expect(client?.status).toBe('error')
    expect(client?.events[0]).toMatchObject({ name: 'exception', attributes: { 'exception.type': 'OrderError' } })
    expect(client?.duration).toBeGreaterThanOrEqual(0)
    expect(traces[0].traceId).toMatch(/^[0-9a-f]{32}$/)
  })

  it('accepts kinds written as SPAN_KIND_* strings and status codes as STATUS_CODE_* strings', () => {
    const [t] = otlpToTraces({
      resourceSpans: [{
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'mysql-orders' } }] },
        scopeSpans: [{ spans: [{
          traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', name: 'SELECT orders', kind: 'SPAN_KIND_CLIENT',
          startTimeUnixNano: '1700000000000000000', endTimeUnixNano: '1700000000002500500',
          attributes: [{ key: 'db.system', value: { stringValue: 'mysql' } }, { key: 'db.operation', value: { stringValue: 'SELECT' } }],
          status: { code: 'STATUS_CODE_ERROR' },
        }] }],
      }],
    })
    expect(t.spans[0]).toMatchObject({ kind: 'client', status: 'error', startTime: 1_700_000_000_000_000, duration: 2500.5 })
    expect(t.spans[0].tags).toMatchObject({ ToServiceType: 'mysql', ToMethod: 'SELECT' })
  })

  it('names the invalid field and its path', () => {
    const bad = { resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: 'a', spanId: 'b', name: 'x', startTimeUnixNano: 'yesterday', endTimeUnixNano: '1' }] }] }] }
    try {
      otlpToTraces(bad)
      expect.unreachable()
    } catch (e) {
      expect(isFormatError(e) && e.path).toBe('resourceSpans[0].scopeSpans[0].spans[0].startTimeUnixNano')
    }
  })

  it('gives back the same trace after export and import, equal to the Jaeger round trip', () => {
    const viaOtlp = otlpToTraces(traceToOtlp(sampleTrace()))[0]
    const viaJaeger = jaegerToTraces(traceToJaeger(sampleTrace()))[0]
    expect(viaOtlp).toEqual(sampleTrace())
    expect(viaJaeger).toEqual(sampleTrace())
  })

  it('keeps nanosecond timestamps exact to the microsecond and turns base64 ids into hex', () => {
    expect(nanosToMicros('1700000000123456789')).toBeCloseTo(1_700_000_000_123_457, -1)
    expect(nanosToMicros('1700000000123456000') - 1_700_000_000_000_000).toBe(123_456)
    expect(normalizeId('S/kvNXezTaajzpKdDg5HNg==')).toBe('4bf92f3577b34da6a3ce929d0e0e4736')
    expect(normalizeId('ABCDEF0123456789')).toBe('abcdef0123456789')
  })
})
