// Traffic for the real servers, made with the OpenTelemetry JS SDK and sent over OTLP (protobuf over
// HTTP) to the collector. Attributes follow the current OpenTelemetry semantic conventions (HTTP,
// RPC, database and messaging spans). What it sends is described in WORLD below and at the top of
// e2e/support/real-stack.mjs.
//
//   node e2e/servers/traffic.mjs --otlp http://127.0.0.1:4318 [--manifest FILE] [--steady]
//
// sends the story traces once (their ids are fixed, see STORY_TRACES), writes the manifest, and with
// --steady keeps sending the steady load until it is stopped (SIGTERM / SIGINT).
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api'
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto'
import { resourceFromAttributes } from '@opentelemetry/resources'
import { BasicTracerProvider, BatchSpanProcessor, RandomIdGenerator } from '@opentelemetry/sdk-trace-base'
import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'

const fixedId = (suffix) => `e2e${suffix.padStart(29, '0')}`

/** Trace ids of the story traces, the same on every run. */
export const STORY_TRACES = {
  /** checkout that succeeds end to end (frontend → checkout → inventory, payment, orders queue → order-worker) */
  checkoutOk: fixedId('200'),
  /** payment throws TypeError → 500 to checkout → 502 to frontend → 502 to the user */
  errorChain: fixedId('502'),
  /** recommendations answers 503; frontend swallows it and answers 200 */
  swallowed: fixedId('503'),
  /** checkout answers 200; the async consumer order-worker later fails on a duplicate key */
  asyncFailure: fixedId('a51c'),
  /** report-builder's nightly report: exactly 20,000 spans (report-builder and catalog) */
  big: fixedId('4e20'),
}

/** Spans in the big trace: root + 3 phases + 4,999 × (RPC client, RPC server, Redis GET, PostgreSQL SELECT). */
export const BIG_TRACE_SPANS = 20_000

/** The steady load: per second, CHECKOUTS checkouts and PRODUCT_VIEWS product views at frontend. */
export const STEADY = {
  checkoutsPerSecond: 2,
  productViewsPerSecond: 3,
  /** every 10th checkout fails with the 500 → 502 chain (its order is never queued) */
  checkoutFailsEvery: 10,
  /** every 6th product view has the swallowed recommendations 503 */
  recommendationsFailEvery: 6,
}

/**
 * What each service serves per second under the steady load (server and consumer spans, the spans a
 * service's RED series count), and how many of those fail: the ground truth for metrics tests.
 */
export function steadyRates(st = STEADY) {
  const c = st.checkoutsPerSecond
  const v = st.productViewsPerSecond
  const cFail = c / st.checkoutFailsEvery
  const recFail = v / st.recommendationsFailEvery
  return {
    frontend: { served: c + v, failing: cFail },
    checkout: { served: c, failing: cFail },
    payment: { served: c, failing: cFail },
    inventory: { served: c, failing: 0 },
    catalog: { served: v, failing: 0 },
    recommendations: { served: v, failing: recFail },
    // a failed payment queues no order
    'order-worker': { served: c - cFail, failing: 0 },
  }
}

/** Services, their operations (span names) and the kind of each, as sent. */
export const WORLD = {
  frontend: { 'POST /api/checkout': 'server', 'GET /api/products/{id}': 'server', POST: 'client', GET: 'client', 'catalog.Catalog/GetProduct': 'client' },
  checkout: { 'POST /orders': 'server', 'inventory.Inventory/Reserve': 'client', POST: 'client', 'send orders': 'producer' },
  payment: { 'POST /charges': 'server', POST: 'client' },
  inventory: { 'inventory.Inventory/Reserve': 'server', 'SELECT stock': 'client', 'UPDATE stock': 'client' },
  catalog: { 'catalog.Catalog/GetProduct': 'server', GET: 'client', 'SELECT products': 'client' },
  recommendations: { 'GET /recommendations': 'server' },
  'order-worker': { 'process orders': 'consumer', 'INSERT orders': 'client' },
  'report-builder': { 'POST /reports/nightly': 'server', 'load catalog': 'internal', aggregate: 'internal', render: 'internal', 'catalog.Catalog/GetProduct': 'client' },
}

/**
 * The calls between services the traffic makes, as the collector's servicegraph connector names them
 * (client → server; database and messaging edges by connection type; calls to a host outside the
 * traffic become a virtual node named by server.address).
 */
export const EDGES = [
  { client: 'frontend', server: 'checkout', type: '' },
  { client: 'frontend', server: 'catalog', type: '' },
  { client: 'frontend', server: 'recommendations', type: '' },
  { client: 'checkout', server: 'inventory', type: '' },
  { client: 'checkout', server: 'payment', type: '' },
  { client: 'checkout', server: 'order-worker', type: 'messaging_system' },
  { client: 'report-builder', server: 'catalog', type: '' },
  { client: 'inventory', server: 'stock', type: 'database' },
  { client: 'catalog', server: 'products', type: 'database' },
  { client: 'catalog', server: 'redis', type: 'database' },
  { client: 'order-worker', server: 'orders', type: 'database' },
  { client: 'payment', server: 'api.payments.example.net', type: 'virtual_node' },
]

const VERSIONS = { frontend: '3.14.2', checkout: '2.7.0', payment: '1.9.4', inventory: '5.2.1', catalog: '4.0.3', recommendations: '0.12.0', 'order-worker': '2.7.0', 'report-builder': '1.1.0' }

/** An id generator that hands out a chosen trace id for the next root span. */
class StoryIdGenerator {
  #random = new RandomIdGenerator()
  next = null
  generateTraceId() {
    const id = this.next ?? this.#random.generateTraceId()
    this.next = null
    return id
  }
  generateSpanId() {
    return this.#random.generateSpanId()
  }
}

const hr = (us) => [Math.floor(us / 1e6), Math.round((us % 1e6) * 1000)]

/** One tracer provider per service, exporting to the collector. */
export function createSenders(otlpUrl) {
  const ids = new StoryIdGenerator()
  const providers = new Map()
  const tracer = (service) => {
    let p = providers.get(service)
    if (!p) {
      const exporter = new OTLPTraceExporter({ url: `${otlpUrl.replace(/\/$/, '')}/v1/traces`, timeoutMillis: 30_000 })
      p = new BasicTracerProvider({
        idGenerator: ids,
        resource: resourceFromAttributes({
          'service.name': service,
          'service.version': VERSIONS[service] ?? '1.0.0',
          'service.namespace': 'shop',
          'deployment.environment.name': 'e2e',
          'host.name': `${service}-7d9f-0`,
        }),
        // the big trace is queued whole before it is exported: nothing may be dropped
        spanProcessors: [new BatchSpanProcessor(exporter, { maxQueueSize: 60_000, maxExportBatchSize: 1000, scheduledDelayMillis: 500 })],
      })
      providers.set(service, p)
    }
    return p.getTracer(service, '1.0.0')
  }
  return {
    ids,
    /** Starts and ends one span; returns it (to parent others). */
    span(service, name, { kind, start, dur, parent, attrs = {}, error, exception, events = [] }) {
      const ctx = parent ? trace.setSpan(context.active(), parent) : context.active()
      const s = tracer(service).startSpan(name, { kind, startTime: hr(start), attributes: attrs }, ctx)
      for (const e of events) s.addEvent(e.name, e.attrs ?? {}, hr(e.at))
      if (exception) s.recordException(exception, hr(start + dur - 50))
      if (error) s.setStatus({ code: SpanStatusCode.ERROR, message: typeof error === 'string' ? error : undefined })
      s.end(hr(start + dur))
      return s
    },
    async flush() {
      await Promise.all([...providers.values()].map((p) => p.forceFlush()))
    },
    async shutdown() {
      await Promise.all([...providers.values()].map((p) => p.shutdown()))
    },
  }
}

const httpServer = (method, route, path, status) => ({
  'http.request.method': method,
  'http.route': route,
  'url.path': path,
  'url.scheme': 'http',
  'http.response.status_code': status,
  'network.protocol.version': '1.1',
  ...(status >= 500 ? { 'error.type': String(status) } : {}),
})
const httpClient = (method, url, status) => {
  const u = new URL(url)
  return {
    'http.request.method': method,
    'url.full': url,
    'server.address': u.hostname,
    'server.port': Number(u.port || (u.protocol === 'https:' ? 443 : 80)),
    'http.response.status_code': status,
    ...(status >= 400 ? { 'error.type': String(status) } : {}),
  }
}
const rpc = (service, method, peer, code = 0) => ({
  'rpc.system': 'grpc',
  'rpc.service': service,
  'rpc.method': method,
  'rpc.grpc.status_code': code,
  ...(peer ? { 'server.address': peer, 'server.port': 50051 } : {}),
})
const sql = (system, namespace, op, table, text, extra = {}) => ({
  'db.system.name': system,
  'db.namespace': namespace,
  'db.operation.name': op,
  'db.collection.name': table,
  'db.query.text': text,
  'server.address': `${namespace}-db`,
  'server.port': system === 'postgresql' ? 5432 : 3306,
  ...extra,
})
const redis = (key) => ({
  'db.system.name': 'redis',
  'db.operation.name': 'GET',
  'db.query.text': `GET ${key}`,
  'server.address': 'cache',
  'server.port': 6379,
})

/** A checkout at time t0 (µs); outcome 'ok' | 'paymentFails' | 'consumerFails'. */
export function checkout(tx, t0, outcome = 'ok', sku = 42) {
  const failed = outcome === 'paymentFails'
  const root = tx.span('frontend', 'POST /api/checkout', {
    kind: SpanKind.SERVER,
    start: t0,
    dur: failed ? 120_000 : 180_000,
    attrs: { ...httpServer('POST', '/api/checkout', '/api/checkout', failed ? 502 : 200), 'user_agent.original': 'Mozilla/5.0 (X11; Linux x86_64)', 'client.address': '203.0.113.7' },
    error: failed ? 'upstream checkout answered 502' : undefined,
  })
  const call = tx.span('frontend', 'POST', {
    kind: SpanKind.CLIENT,
    start: t0 + 4_000,
    dur: failed ? 110_000 : 170_000,
    parent: root,
    attrs: httpClient('POST', 'http://checkout:8080/orders', failed ? 502 : 200),
    error: failed,
  })
  const order = tx.span('checkout', 'POST /orders', {
    kind: SpanKind.SERVER,
    start: t0 + 6_000,
    dur: failed ? 104_000 : 164_000,
    parent: call,
    attrs: { ...httpServer('POST', '/orders', '/orders', failed ? 502 : 200), 'app.order.sku': sku },
    error: failed ? 'payment answered 500' : undefined,
  })
  const reserveCall = tx.span('checkout', 'inventory.Inventory/Reserve', { kind: SpanKind.CLIENT, start: t0 + 8_000, dur: 30_000, parent: order, attrs: rpc('inventory.Inventory', 'Reserve', 'inventory') })
  const reserve = tx.span('inventory', 'inventory.Inventory/Reserve', { kind: SpanKind.SERVER, start: t0 + 10_000, dur: 26_000, parent: reserveCall, attrs: rpc('inventory.Inventory', 'Reserve') })
  tx.span('inventory', 'SELECT stock', { kind: SpanKind.CLIENT, start: t0 + 12_000, dur: 9_000, parent: reserve, attrs: sql('postgresql', 'stock', 'SELECT', 'stock', 'SELECT qty FROM stock WHERE sku = $1') })
  tx.span('inventory', 'UPDATE stock', { kind: SpanKind.CLIENT, start: t0 + 23_000, dur: 11_000, parent: reserve, attrs: sql('postgresql', 'stock', 'UPDATE', 'stock', 'UPDATE stock SET qty = qty - $1 WHERE sku = $2') })
  const payCall = tx.span('checkout', 'POST', {
    kind: SpanKind.CLIENT,
    start: t0 + 42_000,
    dur: failed ? 60_000 : 90_000,
    parent: order,
    attrs: httpClient('POST', 'http://payment:8080/charges', failed ? 500 : 200),
    error: failed,
  })
  if (failed) {
    const err = new TypeError("Cannot read properties of undefined (reading 'currency')")
    err.stack = `TypeError: Cannot read properties of undefined (reading 'currency')\n    at toMinorUnits (/srv/payment/src/money.js:41:22)\n    at charge (/srv/payment/src/charges.js:88:15)\n    at async handle (/srv/payment/src/server.js:120:9)`
    tx.span('payment', 'POST /charges', {
      kind: SpanKind.SERVER,
      start: t0 + 44_000,
      dur: 56_000,
      parent: payCall,
      attrs: { ...httpServer('POST', '/charges', '/charges', 500), 'error.type': 'TypeError' },
      error: "Cannot read properties of undefined (reading 'currency')",
      exception: err,
    })
    return root
  }
  const charge = tx.span('payment', 'POST /charges', { kind: SpanKind.SERVER, start: t0 + 44_000, dur: 86_000, parent: payCall, attrs: httpServer('POST', '/charges', '/charges', 200) })
  tx.span('payment', 'POST', { kind: SpanKind.CLIENT, start: t0 + 47_000, dur: 80_000, parent: charge, attrs: httpClient('POST', 'https://api.payments.example.net/v1/charges', 200) })
  const publish = tx.span('checkout', 'send orders', {
    kind: SpanKind.PRODUCER,
    start: t0 + 140_000,
    dur: 3_000,
    parent: order,
    attrs: { 'messaging.system': 'kafka', 'messaging.operation.type': 'send', 'messaging.operation.name': 'send', 'messaging.destination.name': 'orders', 'messaging.kafka.message.key': `order-${sku}`, 'server.address': 'kafka', 'server.port': 9092 },
  })
  // consumed after the request has been answered
  const consumerFails = outcome === 'consumerFails'
  const cStart = t0 + 260_000
  const dupe = consumerFails ? Object.assign(new Error('duplicate key value violates unique constraint "orders_pkey"'), { name: 'UniqueViolationError' }) : undefined
  const consume = tx.span('order-worker', 'process orders', {
    kind: SpanKind.CONSUMER,
    start: cStart,
    dur: 40_000,
    parent: publish,
    attrs: { 'messaging.system': 'kafka', 'messaging.operation.type': 'process', 'messaging.operation.name': 'process', 'messaging.destination.name': 'orders', 'messaging.consumer.group.name': 'order-worker', 'messaging.destination.partition.id': '3', ...(consumerFails ? { 'error.type': 'UniqueViolationError' } : {}) },
    error: consumerFails ? dupe.message : undefined,
    exception: dupe,
  })
  tx.span('order-worker', 'INSERT orders', {
    kind: SpanKind.CLIENT,
    start: cStart + 5_000,
    dur: 30_000,
    parent: consume,
    attrs: sql('postgresql', 'orders', 'INSERT', 'orders', 'INSERT INTO orders (id, sku, qty) VALUES ($1, $2, $3)', consumerFails ? { 'db.response.status_code': '23505', 'error.type': '23505' } : {}),
    error: consumerFails,
  })
  return root
}

/** A product page at time t0 (µs); recommendations may fail (503), which frontend swallows. */
export function productView(tx, t0, recommendationsFail = false, id = 42) {
  const root = tx.span('frontend', 'GET /api/products/{id}', {
    kind: SpanKind.SERVER,
    start: t0,
    dur: 60_000,
    attrs: httpServer('GET', '/api/products/{id}', `/api/products/${id}`, 200),
    events: recommendationsFail ? [{ name: 'recommendations unavailable, page served without them', at: t0 + 55_000, attrs: { 'log.severity': 'WARN' } }] : [],
  })
  const get = tx.span('frontend', 'catalog.Catalog/GetProduct', { kind: SpanKind.CLIENT, start: t0 + 3_000, dur: 20_000, parent: root, attrs: rpc('catalog.Catalog', 'GetProduct', 'catalog') })
  catalogGet(tx, t0 + 4_000, get, id)
  const recCall = tx.span('frontend', 'GET', {
    kind: SpanKind.CLIENT,
    start: t0 + 25_000,
    dur: 30_000,
    parent: root,
    attrs: httpClient('GET', `http://recommendations:8080/recommendations?product=${id}`, recommendationsFail ? 503 : 200),
    error: recommendationsFail,
  })
  tx.span('recommendations', 'GET /recommendations', {
    kind: SpanKind.SERVER,
    start: t0 + 26_000,
    dur: 28_000,
    parent: recCall,
    attrs: httpServer('GET', '/recommendations', '/recommendations', recommendationsFail ? 503 : 200),
    error: recommendationsFail ? 'model not loaded' : undefined,
    exception: recommendationsFail ? Object.assign(new Error('model not loaded'), { name: 'ServiceUnavailableError' }) : undefined,
  })
  return root
}

/** catalog answering GetProduct: Redis, then PostgreSQL on a miss (4 µs-scaled steps). */
function catalogGet(tx, t0, parent, id, scale = 1) {
  const server = tx.span('catalog', 'catalog.Catalog/GetProduct', { kind: SpanKind.SERVER, start: t0, dur: 18_000 * scale, parent, attrs: rpc('catalog.Catalog', 'GetProduct') })
  tx.span('catalog', 'GET', { kind: SpanKind.CLIENT, start: t0 + 1_000 * scale, dur: 2_000 * scale, parent: server, attrs: redis(`product:${id}`) })
  tx.span('catalog', 'SELECT products', { kind: SpanKind.CLIENT, start: t0 + 4_000 * scale, dur: 12_000 * scale, parent: server, attrs: sql('postgresql', 'products', 'SELECT', 'products', 'SELECT * FROM products WHERE id = $1') })
}

/** The nightly report: exactly BIG_TRACE_SPANS spans. */
function bigReport(tx, t0) {
  const calls = (BIG_TRACE_SPANS - 4) / 4
  const step = 2_000
  const root = tx.span('report-builder', 'POST /reports/nightly', { kind: SpanKind.SERVER, start: t0, dur: calls * step + 400_000, attrs: httpServer('POST', '/reports/nightly', '/reports/nightly', 200) })
  const load = tx.span('report-builder', 'load catalog', { kind: SpanKind.INTERNAL, start: t0 + 1_000, dur: calls * step + 10_000, parent: root })
  for (let i = 0; i < calls; i++) {
    const at = t0 + 2_000 + i * step
    const call = tx.span('report-builder', 'catalog.Catalog/GetProduct', { kind: SpanKind.CLIENT, start: at, dur: 1_900, parent: load, attrs: rpc('catalog.Catalog', 'GetProduct', 'catalog') })
    catalogGet(tx, at + 50, call, 1000 + i, 0.1)
  }
  tx.span('report-builder', 'aggregate', { kind: SpanKind.INTERNAL, start: t0 + calls * step + 20_000, dur: 250_000, parent: root })
  tx.span('report-builder', 'render', { kind: SpanKind.INTERNAL, start: t0 + calls * step + 280_000, dur: 110_000, parent: root })
}

const nowUs = () => Date.now() * 1000

/** Sends the story traces (fixed ids), ending about now; returns the manifest. */
export async function sendStory(tx) {
  const end = nowUs()
  const story = [
    ['checkoutOk', (t) => checkout(tx, t, 'ok', 7)],
    ['errorChain', (t) => checkout(tx, t, 'paymentFails', 13)],
    ['swallowed', (t) => productView(tx, t, true, 99)],
    ['asyncFailure', (t) => checkout(tx, t, 'consumerFails', 21)],
  ]
  story.forEach(([key, make], i) => {
    tx.ids.next = STORY_TRACES[key]
    make(end - 60_000_000 + i * 5_000_000)
  })
  tx.ids.next = STORY_TRACES.big
  bigReport(tx, end - 30_000_000)
  await tx.flush()
  return { traces: STORY_TRACES, bigTraceSpans: BIG_TRACE_SPANS, steady: STEADY, steadyRates: steadyRates(), world: WORLD, edges: EDGES, storySentAt: new Date(end / 1000).toISOString() }
}

/** Sends STEADY's load every second until stop() is called. */
export function startSteadyLoad(tx) {
  let checkouts = 0
  let views = 0
  const tick = () => {
    const t = nowUs() - 400_000
    for (let i = 0; i < STEADY.checkoutsPerSecond; i++) {
      checkouts++
      checkout(tx, t + i * 300_000, checkouts % STEADY.checkoutFailsEvery === 0 ? 'paymentFails' : 'ok', 100 + (checkouts % 50))
    }
    for (let i = 0; i < STEADY.productViewsPerSecond; i++) {
      views++
      productView(tx, t + i * 200_000, views % STEADY.recommendationsFailEvery === 0, views % 500)
    }
  }
  tick()
  const timer = setInterval(tick, 1000)
  return {
    async stop() {
      clearInterval(timer)
      await tx.flush()
    },
  }
}

async function main() {
  const { values } = parseArgs({ options: { otlp: { type: 'string' }, manifest: { type: 'string' }, steady: { type: 'boolean', default: false } } })
  if (!values.otlp) {
    console.error('usage: node e2e/servers/traffic.mjs --otlp http://127.0.0.1:4318 [--manifest FILE] [--steady]')
    process.exit(2)
  }
  const tx = createSenders(values.otlp)
  const manifest = await sendStory(tx)
  if (values.manifest) writeFileSync(values.manifest, JSON.stringify(manifest, null, 2))
  console.log(`story traces sent: ${Object.entries(STORY_TRACES).map(([k, v]) => `${k} ${v}`).join(', ')}`)
  if (!values.steady) return tx.shutdown()
  const load = startSteadyLoad(tx)
  console.log(`steady load: ${STEADY.checkoutsPerSecond} checkouts/s and ${STEADY.productViewsPerSecond} product views/s at frontend`)
  const stop = async () => {
    await load.stop()
    await tx.shutdown()
    process.exit(0)
  }
  process.once('SIGTERM', stop)
  process.once('SIGINT', stop)
}

if (import.meta.url === `file://${process.argv[1]}`) await main()
