import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api'
import type { Span } from '@opentelemetry/api'
import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer'
import { resourceFromAttributes } from '@opentelemetry/resources'
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base'

/**
 * A small instrumented program run with the OpenTelemetry JS SDK: api-gateway → checkout → stock,
 * where stock fails with an exception. Returns the OTLP JSON the SDK's exporter would send.
 */
export async function buildOtlpSample(): Promise<{ otlp: { resourceSpans: unknown[] }; traceId: string }> {
  const exporter = new InMemorySpanExporter()
  const provider = (service: string) =>
    new BasicTracerProvider({
      resource: resourceFromAttributes({ 'service.name': service, 'deployment.environment': 'test', 'host.name': `${service}-0` }),
      spanProcessors: [new SimpleSpanProcessor(exporter)],
    })
  const gateway = provider('api-gateway').getTracer('gateway')
  const checkout = provider('checkout').getTracer('checkout')
  const stock = provider('stock').getTracer('stock')
  const child = (parent: Span) => trace.setSpan(context.active(), parent)

  const root = gateway.startSpan('POST /api/checkout', { kind: SpanKind.SERVER, attributes: { 'http.request.method': 'POST', 'url.path': '/api/checkout', 'http.response.status_code': 500 } })
  const call = gateway.startSpan('checkout.PlaceOrder', { kind: SpanKind.CLIENT, attributes: { 'rpc.system': 'grpc', 'rpc.service': 'checkout', 'rpc.method': 'PlaceOrder' } }, child(root))
  const place = checkout.startSpan('PlaceOrder', { kind: SpanKind.SERVER, attributes: { 'rpc.system': 'grpc' } }, child(call))
  const reserve = stock.startSpan('ReserveStock', { kind: SpanKind.SERVER }, child(place))
  const query = stock.startSpan('SELECT stock', { kind: SpanKind.CLIENT, attributes: { 'db.system': 'mysql', 'db.statement': 'SELECT qty FROM stock WHERE sku = ?' } }, child(reserve))
  query.end()
  reserve.recordException(new Error('out of stock: sku 42'))
  reserve.setStatus({ code: SpanStatusCode.ERROR, message: 'out of stock' })
  reserve.end()
  place.setStatus({ code: SpanStatusCode.ERROR })
  place.end()
  call.setStatus({ code: SpanStatusCode.ERROR })
  call.end()
  root.setStatus({ code: SpanStatusCode.ERROR })
  root.end()

  const bytes = JsonTraceSerializer.serializeRequest(exporter.getFinishedSpans())
  if (!bytes) throw new Error('the OTLP serializer produced nothing')
  const otlp = JSON.parse(new TextDecoder().decode(bytes)) as { resourceSpans: unknown[] }
  return { otlp, traceId: root.spanContext().traceId }
}
