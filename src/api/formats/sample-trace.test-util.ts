import type { Trace } from '../../domain/model'

/** A small PostTrace trace in the console's own model: gateway → checkout-bff → stock-service. */
export function sampleTrace(): Trace {
  const traceId = '4bf92f3577b34da6a3ce929d0e0e4736'
  const resource = (service: string) => ({ ServiceName: service, DC: 'dc-east', Cluster: 'default', PodName: `${service}-0` })
  return {
    traceId,
    sampling: { mode: 'posttrace', rate: 0.001, triggerSpanId: '00f067aa0ba902b3', triggerTime: 1_700_000_000_150_000 },
    warnings: [],
    spans: [
      {
        traceId,
        spanId: '00f067aa0ba902b1',
        parentSpanId: null,
        name: 'POST /api/checkout',
        kind: 'server',
        service: 'api-gateway',
        startTime: 1_700_000_000_000_000,
        duration: 250_000,
        status: 'error',
        resource: resource('api-gateway'),
        tags: { Method: 'POST /api/checkout', StatusCode: 500, IsError: 1 },
        events: [],
        metrics: {},
      },
      {
        traceId,
        spanId: '00f067aa0ba902b2',
        parentSpanId: '00f067aa0ba902b1',
        name: 'PlaceOrder',
        kind: 'client',
        service: 'api-gateway',
        startTime: 1_700_000_000_010_000,
        duration: 200_000.5,
        status: 'error',
        resource: resource('api-gateway'),
        tags: { Method: 'PlaceOrder', ToService: 'checkout-bff', ToServiceType: 'grpc', StatusCode: 502, IsError: 1, SendSize: 512 },
        events: [],
        metrics: { OrderPrice: 42.5 },
      },
      {
        traceId,
        spanId: '00f067aa0ba902b3',
        parentSpanId: '00f067aa0ba902b2',
        name: 'ReserveStock',
        kind: 'server',
        service: 'stock-service',
        startTime: 1_700_000_000_100_000,
        duration: 60_000,
        status: 'error',
        resource: resource('stock-service'),
        tags: { Method: 'ReserveStock', IsError: 1, cached: false },
        events: [{ time: 1_700_000_000_150_000, name: 'panic', attributes: { stack: 'goroutine 7 [running]:\nmain.reserve()' } }],
        metrics: {},
      },
    ],
  }
}
