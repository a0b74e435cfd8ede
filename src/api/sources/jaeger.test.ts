import { delay, http, HttpResponse } from 'msw'
import { server } from '../../../mocks/node'
import dependencies from '../formats/fixtures/dependencies-small.json'
import javaTrace from '../formats/fixtures/trace-java-jdbc.json'
import smallTrace from '../formats/fixtures/trace-small.json'
import { createJaegerSource } from './jaeger'
import { buildOtlpSample } from './tempo-otlp.test-util'

/** The Jaeger adapter against Jaeger UI's own sample traces (Jaeger JSON) and SDK-produced OTLP JSON (v3). */
const BASE = 'http://jaeger.test'
const legacy = () => createJaegerSource({ name: 'Jaeger', baseUrl: BASE }, { api: 'legacy' })
const window = { from: 1542666000000, to: 1542667000000 }

describe('Jaeger query API (legacy JSON)', () => {
  it('searches a service: sends Jaeger parameters and summarises every trace', async () => {
    let seen: URL | null = null
    server.use(
      http.get(`${BASE}/api/traces`, ({ request }) => {
        seen = new URL(request.url)
        return HttpResponse.json({ data: [smallTrace, javaTrace], total: 0, limit: 0, offset: 0, errors: null })
      }),
    )
    const result = await legacy().searchTraces({ ...window, service: 'op1-service', minDuration: 1500, tags: [{ key: 'http.method', value: 'GET' }], limit: 20 })
    const url = seen as unknown as URL
    expect(url.searchParams.get('service')).toBe('op1-service')
    expect(url.searchParams.get('start')).toBe(String(window.from * 1000))
    expect(url.searchParams.get('minDuration')).toBe('1500us')
    expect(JSON.parse(url.searchParams.get('tags') ?? '{}')).toEqual({ 'http.method': 'GET' })
    expect(result.traces).toHaveLength(2)
    const small = result.traces.find((t) => t.traceId === 'trace-123')
    // from the earliest start to the latest end (a child here outlives the root)
    const end = Math.max(...smallTrace.spans.map((sp) => sp.startTime + sp.duration))
    const start = Math.min(...smallTrace.spans.map((sp) => sp.startTime))
    expect(small).toMatchObject({ rootOperation: 'op1', spanCount: smallTrace.spans.length, duration: end - start, startTime: start })
    expect(small?.errorCount).toBeGreaterThanOrEqual(1)
  })

  it('does not send the status to the classic API (v1.75 in-memory storage inverts it) and checks it on the spans', async () => {
    let seen: URL | null = null
    server.use(
      http.get(`${BASE}/api/traces`, ({ request }) => {
        seen = new URL(request.url)
        return HttpResponse.json({ data: [smallTrace, javaTrace] })
      }),
    )
    const failing = await legacy().searchTraces({ ...window, service: 'service1', status: 'error' })
    expect((seen as unknown as URL).searchParams.get('tags')).toBeNull()
    expect(failing.traces.map((t) => t.traceId)).toEqual(['trace-123'])
    expect(failing.note).toMatch(/status \(failed spans\) was applied in the browser/)
  })

  it('a span-level search sends its conditions as the span filters Jaeger has, and names the matching span of the service', async () => {
    let seen: URL | null = null
    server.use(
      http.get(`${BASE}/api/traces`, ({ request }) => {
        seen = new URL(request.url)
        // a storage backend may answer traces the span conditions do not hold for (Cassandra drops tags with a duration)
        return HttpResponse.json({ data: [smallTrace, javaTrace], errors: null })
      }),
    )
    const result = await legacy().searchTraces({ ...window, service: 'service2', operation: 'op3', span: { minDuration: 100_000, tags: [{ key: 'HostName', value: 'foobar.org' }] }, limit: 20 })
    const url = seen as unknown as URL
    expect(url.searchParams.get('minDuration')).toBe('100ms')
    expect(url.searchParams.get('operation')).toBe('op3')
    expect(JSON.parse(url.searchParams.get('tags') ?? '{}')).toEqual({ HostName: 'foobar.org' })
    // only the trace that has such a span, and which span it is; the whole trace (1.1 s) is not what was compared
    expect(result.traces.map((t) => t.traceId)).toEqual(['trace-123'])
    expect(result.traces[0].match).toEqual({ spanId: 'span-7', service: 'service2', operation: 'op3', startTime: 1542666453779000, duration: 200_000, status: 'ok', count: 1 })

    const failed = await legacy().searchTraces({ ...window, service: 'service1', operation: 'op2', span: { status: 'error' }, limit: 20 })
    expect(failed.traces.map((t) => t.match?.spanId)).toEqual(['span-2'])
  })

  it('refuses to mix span and whole-trace conditions, in plain words', async () => {
    await expect(legacy().searchTraces({ ...window, service: 'service1', minDuration: 5, span: { status: 'error' } })).rejects.toThrow('cannot mix span and whole-trace conditions')
  })

  it('asks for a service before searching, in plain words', async () => {
    await expect(legacy().searchTraces({ ...window })).rejects.toThrow('Jaeger searches one service at a time')
  })

  it('opens a trace by id, and says so when Jaeger has no such trace', async () => {
    server.use(
      http.get(`${BASE}/api/traces/:id`, ({ params }) =>
        params.id === 'trace-123' ? HttpResponse.json({ data: [smallTrace] }) : HttpResponse.json({ data: null, errors: [{ code: 404, msg: 'trace not found' }] }, { status: 404 }),
      ),
    )
    const trace = await legacy().getTrace('trace-123')
    expect(trace.spans).toHaveLength(smallTrace.spans.length)
    await expect(legacy().getTrace('nope')).rejects.toThrow('Jaeger has no trace nope')
  })

  it('lists services, and one chosen service\'s operations with their span kinds', async () => {
    server.use(
      http.get(`${BASE}/api/services`, () => HttpResponse.json({ data: ['frontend', 'cart'] })),
      http.get(`${BASE}/api/operations`, ({ request }) =>
        HttpResponse.json({ data: new URL(request.url).searchParams.get('service') === 'cart' ? [{ name: 'AddItem', spanKind: 'server' }, { name: 'redis GET', spanKind: 'client' }] : [] }),
      ),
    )
    const s = legacy()
    let asked = 0
    server.events.on('request:start', ({ request }) => {
      if (new URL(request.url).pathname === '/api/operations') asked++
    })
    const services = await s.getServices(window)
    expect(services.map((x) => x.name)).toEqual(['cart', 'frontend'])
    // no request per service on every load: operations are asked for the chosen service only
    expect(asked).toBe(0)
    expect(await s.getOperations?.('cart', window)).toEqual([{ name: 'AddItem', kind: 'server' }, { name: 'redis GET', kind: 'client' }])
    expect(asked).toBe(1)
    server.events.removeAllListeners()
  })

  it('builds a topology from /api/dependencies and says error rates and latencies are unknown', async () => {
    server.use(http.get(`${BASE}/api/dependencies`, () => HttpResponse.json({ data: dependencies })))
    const topo = await legacy().getTopology({ from: 0, to: 1000_000 })
    expect(topo.nodes).toHaveLength(8)
    expect(topo.edges.find((e) => e.id === 'Service2->Service4')?.rps).toBeCloseTo(129.216, 6)
    expect(topo.nodes.every((n) => n.health === 'unknown')).toBe(true)
    expect(topo.partial?.reason).toMatch(/call counts only/)
  })

  it('names the endpoint when this Jaeger lacks it', async () => {
    server.use(http.get(`${BASE}/api/dependencies`, () => new HttpResponse('404 page not found', { status: 404 })))
    await expect(legacy().getTopology({ from: 0, to: 1 })).rejects.toThrow('has no endpoint /api/dependencies (404)')
  })
})

describe('Jaeger v3 API (OTLP JSON)', () => {
  it('detects v3 and reads a streamed trace produced by the OpenTelemetry SDK', async () => {
    const { otlp, traceId } = await buildOtlpSample()
    server.use(
      http.get(`${BASE}/api/v3/services`, () => HttpResponse.json({ services: ['api-gateway', 'checkout', 'stock'] })),
      http.get(`${BASE}/api/v3/traces`, () => HttpResponse.json({ error: { httpCode: 400, message: 'query.start_time_min and query.start_time_max are required' } }, { status: 400 })),
      // grpc-gateway streams one {"result": ...} object per chunk
      http.get(`${BASE}/api/v3/traces/:id`, () =>
        new HttpResponse(`${JSON.stringify({ result: otlp })}\n${JSON.stringify({ result: { resourceSpans: [] } })}\n`, { headers: { 'Content-Type': 'application/json' } }),
      ),
    )
    const source = createJaegerSource({ name: 'Jaeger', baseUrl: BASE })
    expect(await source.usesV3()).toBe(true)
    const trace = await source.getTrace(traceId)
    expect(trace.traceId).toBe(traceId)
    expect(new Set(trace.spans.map((s) => s.service))).toEqual(new Set(['api-gateway', 'checkout', 'stock']))
    // spans come in the tree's order: the exception is on stock's failing span, under failing callers
    const thrown = trace.spans.filter((s) => s.events.some((e) => e.name === 'exception'))
    expect(thrown.map((s) => [s.service, s.status])).toEqual([['stock', 'error']])
    expect(new Set(trace.spans.filter((s) => s.status === 'error').map((s) => s.service))).toEqual(new Set(['api-gateway', 'checkout', 'stock']))
  })

  it('a search waiting on the first question to the server is not cancelled when the services list that asked it goes away', async () => {
    let probes = 0
    server.use(
      http.get(`${BASE}/api/v3/services`, async () => {
        probes += 1
        await delay(50)
        return HttpResponse.json({ services: ['api-gateway', 'checkout'] })
      }),
      http.get(`${BASE}/api/v3/traces`, ({ request }) =>
        // the attributes probe (no time range): a 2.19 server refuses the malformed attributes by name
        new URL(request.url).searchParams.has('query.start_time_min')
          ? HttpResponse.json({ result: { resourceSpans: [] } })
          : HttpResponse.json({ error: { httpCode: 400, message: 'malformed parameter query.attributes' } }, { status: 400 }),
      ),
    )
    const source = createJaegerSource({ name: 'Jaeger', baseUrl: BASE })
    const list = new AbortController()
    // the services list asks first (which API this server speaks), then its view closes
    const services = source.getServices({ ...window }, list.signal)
    const search = source.searchTraces({ ...window, service: 'checkout' }, new AbortController().signal)
    list.abort()
    await expect(services).rejects.toMatchObject({ name: 'AbortError' })
    await expect(search).resolves.toMatchObject({ traces: [] })
    expect(probes).toBe(1)
  })

  it('falls back to the legacy API when /api/v3 is missing', async () => {
    server.use(http.get(`${BASE}/api/v3/services`, () => new HttpResponse('404 page not found', { status: 404 })))
    expect(await createJaegerSource({ name: 'Jaeger', baseUrl: BASE }).usesV3()).toBe(false)
  })
})
