import { mapResource, mapSpanAttributes } from './otel-mapping'

/** One family of OpenTelemetry attributes at a time, current semantic conventions and the older names (docs/otel-mapping.md). */
describe('HTTP client spans', () => {
  it('names the called service and method from url.full and server.address (current conventions)', () => {
    const tags = mapSpanAttributes(
      { 'http.request.method': 'GET', 'url.full': 'http://cart:8080/items?id=4', 'server.address': 'cart', 'server.port': 8080, 'http.response.status_code': 200, 'url.template': '/items' },
      { kind: 'client', name: 'GET' },
    )
    expect(tags).toMatchObject({ ToService: 'cart', ToServiceType: 'http', ToMethod: 'GET /items', ToAddr: 'cart:8080', StatusCode: 200, Method: 'GET', 'url.full': 'http://cart:8080/items?id=4' })
  })

  it('reads the host and path of url.full when server.address is missing', () => {
    expect(mapSpanAttributes({ 'http.request.method': 'POST', 'url.full': 'https://payments.internal:9443/charge' }, { kind: 'client', name: 'POST' })).toMatchObject({
      ToService: 'payments.internal',
      ToAddr: 'payments.internal:9443',
      ToMethod: 'POST /charge',
    })
  })

  it('reads the older names (http.method, http.url, net.peer.name, http.status_code)', () => {
    expect(mapSpanAttributes({ 'http.method': 'GET', 'http.url': 'http://catalog/products', 'net.peer.name': 'catalog', 'net.peer.port': 80, 'http.status_code': '503' }, { kind: 'client', name: 'HTTP GET' })).toMatchObject({
      ToService: 'catalog',
      ToServiceType: 'http',
      ToAddr: 'catalog:80',
      StatusCode: 503,
    })
  })

  it('prefers the service the caller names (peer.service) over the host', () => {
    expect(mapSpanAttributes({ 'http.request.method': 'GET', 'server.address': '10.0.0.7', 'peer.service': 'inventory' }, { kind: 'client', name: 'GET' }).ToService).toBe('inventory')
  })
})

describe('HTTP server spans', () => {
  it('names the method from the method and route', () => {
    expect(mapSpanAttributes({ 'http.request.method': 'POST', 'http.route': '/api/checkout', 'http.response.status_code': 502 }, { kind: 'server', name: 'POST' })).toMatchObject({ Method: 'POST /api/checkout', StatusCode: 502 })
  })
})

describe('database client spans', () => {
  it('names the database as the called service (db.namespace) and the system as its type (db.system.name)', () => {
    const tags = mapSpanAttributes(
      { 'db.system.name': 'postgresql', 'db.namespace': 'orders', 'db.operation.name': 'INSERT', 'db.collection.name': 'orders', 'server.address': 'pg-1', 'db.query.text': 'INSERT INTO orders VALUES ($1)' },
      { kind: 'client', name: 'INSERT orders' },
    )
    expect(tags).toMatchObject({ ToService: 'orders', ToServiceType: 'postgresql', ToMethod: 'INSERT', ToAddr: 'pg-1', 'db.namespace': 'orders', 'db.collection.name': 'orders', 'db.query.text': 'INSERT INTO orders VALUES ($1)' })
  })

  it('reads the older names (db.system, db.name, db.operation)', () => {
    expect(mapSpanAttributes({ 'db.system': 'redis', 'db.name': '0', 'db.operation': 'GET' }, { kind: 'client', name: 'GET' })).toMatchObject({ ToService: '0', ToServiceType: 'redis', ToMethod: 'GET' })
  })

  it('falls back to the host, then the system, when no database is named', () => {
    expect(mapSpanAttributes({ 'db.system.name': 'redis', 'server.address': 'cache-1' }, { kind: 'client', name: 'GET' }).ToService).toBe('cache-1')
    expect(mapSpanAttributes({ 'db.system.name': 'redis' }, { kind: 'client', name: 'GET' }).ToService).toBe('redis')
  })
})

describe('messaging spans', () => {
  it('names the topic as the called service of a producer span', () => {
    expect(mapSpanAttributes({ 'messaging.system': 'kafka', 'messaging.destination.name': 'orders', 'messaging.operation.type': 'send' }, { kind: 'producer', name: 'send orders' })).toMatchObject({ ToService: 'orders', ToServiceType: 'kafka', 'messaging.operation.type': 'send' })
  })

  it('keeps the topic and system of a consumer span under their own names', () => {
    expect(mapSpanAttributes({ 'messaging.system': 'kafka', 'messaging.destination.name': 'orders' }, { kind: 'consumer', name: 'process orders' })).toMatchObject({ Method: 'process orders', 'messaging.system': 'kafka', 'messaging.destination.name': 'orders' })
  })
})

describe('RPC spans', () => {
  it('names service and method on both sides', () => {
    expect(mapSpanAttributes({ 'rpc.system': 'grpc', 'rpc.service': 'payment.Payments', 'rpc.method': 'Charge', 'rpc.grpc.status_code': 13 }, { kind: 'client', name: 'payment.Payments/Charge' })).toMatchObject({ ToService: 'payment.Payments', ToMethod: 'Charge', ToServiceType: 'grpc', StatusCode: 13 })
    expect(mapSpanAttributes({ 'rpc.system': 'grpc', 'rpc.service': 'payment.Payments', 'rpc.method': 'Charge' }, { kind: 'server', name: 'x' })).toMatchObject({ Method: 'payment.Payments/Charge', ServiceType: 'grpc' })
  })
})

describe('errors', () => {
  it('keeps error.type as the console field ErrorType', () => {
    const tags = mapSpanAttributes({ 'http.request.method': 'GET', 'http.route': '/x', 'error.type': 'TypeError' }, { kind: 'server', name: 'GET' })
    expect(tags.ErrorType).toBe('TypeError')
    expect(tags).not.toHaveProperty('error.type')
  })
})

describe('resource', () => {
  it('maps service.version to the Version field', () => {
    const r = mapResource({ 'service.name': 'checkout', 'service.version': '1.4.2', 'deployment.environment.name': 'prod' })
    expect(r).toMatchObject({ ServiceName: 'checkout', Version: '1.4.2', Env: 'prod' })
    expect(r).not.toHaveProperty('service.version')
  })
})
