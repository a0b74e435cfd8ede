import { http, HttpResponse } from 'msw'
import { server } from '../../../mocks/node'
import { createJaegerSource } from './jaeger'
import { buildOtlpTraffic, jaegerV3Handlers } from './jaeger-server.test-util'
import type { JaegerCall } from './jaeger-server.test-util'

/**
 * The Jaeger adapter against servers that parse the v3 search as Jaeger v1.75 and v2.19 do
 * (jaeger-server.test-util.ts): what is sent, what comes back, and what the console says it did.
 */
const BASE = 'http://jaeger.test'
const source = () => createJaegerSource({ name: 'Jaeger', baseUrl: BASE })
const window = () => ({ from: Date.now() - 3_600_000, to: Date.now() + 60_000 })

describe('Jaeger v1.75 (v3 API without attributes)', () => {
  it('searches a service with the depth parameter v1.75 reads (query.num_traces)', async () => {
    const { otlp, failing, ok } = await buildOtlpTraffic()
    const calls: JaegerCall[] = []
    server.use(...jaegerV3Handlers(BASE, 'v1.75', otlp, calls))
    const result = await source().searchTraces({ ...window(), service: 'api-gateway', limit: 20 })
    expect(new Set(result.traces.map((t) => t.traceId))).toEqual(new Set([failing, ok]))
    const search = calls.at(-1)?.url.searchParams
    expect(search?.get('query.num_traces')).toBe('20')
    expect(result.note ?? null).toBeNull()
  })

  it('applies tag and status filters to the traces fetched, and says so', async () => {
    const { otlp, failing, ok } = await buildOtlpTraffic()
    server.use(...jaegerV3Handlers(BASE, 'v1.75', otlp))
    const s = source()
    const byTag = await s.searchTraces({ ...window(), service: 'api-gateway', tags: [{ key: 'http.request.method', value: 'GET' }] })
    expect(byTag.traces.map((t) => t.traceId)).toEqual([ok])
    expect(byTag.note).toMatch(/http\.request\.method=GET was applied in the browser/)
    const failed = await s.searchTraces({ ...window(), service: 'stock', status: 'error' })
    expect(failed.traces.map((t) => t.traceId)).toEqual([failing])
    const none = await s.searchTraces({ ...window(), service: 'cart', status: 'error' })
    expect(none.traces).toEqual([])
    expect(none.note).toMatch(/status \(failed spans\)/)
  })

  it('applies a status filter at the span level: a trace whose failing span is elsewhere does not match', async () => {
    const { otlp } = await buildOtlpTraffic()
    server.use(...jaegerV3Handlers(BASE, 'v1.75', otlp))
    // the failing trace reaches cart? no: it never touches cart, and the cart trace has no failure
    const result = await source().searchTraces({ ...window(), service: 'api-gateway', status: 'error', operation: 'GET /api/cart' })
    expect(result.traces).toEqual([])
  })
})

describe('Jaeger v2.19 (v3 API with attributes)', () => {
  it('sends tags and status as one JSON object in query.attributes and the depth as query.search_depth', async () => {
    const { otlp, ok, failing } = await buildOtlpTraffic()
    const calls: JaegerCall[] = []
    server.use(...jaegerV3Handlers(BASE, 'v2.19', otlp, calls))
    const s = source()
    const byTag = await s.searchTraces({ ...window(), service: 'api-gateway', tags: [{ key: 'http.request.method', value: 'GET' }], limit: 10 })
    expect(byTag.traces.map((t) => t.traceId)).toEqual([ok])
    const sent = calls.at(-1)?.url.searchParams
    expect(JSON.parse(sent?.get('query.attributes') ?? 'null')).toEqual({ 'http.request.method': 'GET' })
    expect(sent?.get('query.search_depth')).toBe('10')
    expect(byTag.note ?? null).toBeNull()
    const failed = await s.searchTraces({ ...window(), service: 'api-gateway', status: 'error' })
    expect(JSON.parse(calls.at(-1)?.url.searchParams.get('query.attributes') ?? 'null')).toEqual({ error: 'true' })
    expect(failed.traces.map((t) => t.traceId)).toEqual([failing])
  })
})

describe('Jaeger API detection', () => {
  it('does not switch to the classic API for good when the backend was down while detecting', async () => {
    const { otlp, failing } = await buildOtlpTraffic()
    server.use(http.get(`${BASE}/api/v3/services`, () => HttpResponse.error()))
    const s = source()
    await expect(s.searchTraces({ ...window(), service: 'stock' })).rejects.toThrow(/could not be reached/)
    server.resetHandlers()
    server.use(...jaegerV3Handlers(BASE, 'v1.75', otlp), http.get(`${BASE}/api/traces`, () => HttpResponse.json({ data: [] })))
    const result = await s.searchTraces({ ...window(), service: 'stock' })
    expect(result.traces.map((t) => t.traceId)).toEqual([failing])
    expect(await s.usesV3()).toBe(true)
  })
})

describe('Jaeger error traces for /errors', () => {
  it('searches every service for error traces when none is chosen, and opens them without asking again', async () => {
    const { otlp, failing } = await buildOtlpTraffic()
    const calls: JaegerCall[] = []
    server.use(...jaegerV3Handlers(BASE, 'v2.19', otlp, calls))
    const s = source()
    const result = await s.searchTraces({ ...window(), status: 'error', limit: 1000 })
    expect(result.traces.map((t) => t.traceId)).toEqual([failing])
    expect(result.note).toMatch(/each of its 4 services was searched \(up to 200 most recent traces each\); traces were found in 3 \(api-gateway, checkout, stock\)/)
    // each service's search is bounded (whole traces come back), and stated
    expect(new Set(calls.filter((c) => c.url.searchParams.has('query.service_name')).map((c) => c.url.searchParams.get('query.search_depth')))).toEqual(new Set(['200']))
    let fetched = 0
    server.use(http.get(`${BASE}/api/v3/traces/:id`, () => (fetched++, HttpResponse.json({ result: { resourceSpans: [] } }))))
    const trace = await s.getTrace(failing)
    expect(trace.spans).toHaveLength(5)
    expect(fetched).toBe(0)
  })
})

describe('Jaeger behind a proxy', () => {
  it('says Jaeger could not be reached, with advice, when the proxy answers 502', async () => {
    server.use(http.get(`${BASE}/api/v3/services`, () => new HttpResponse('', { status: 502 })))
    const s = source()
    const failure = s.searchTraces({ ...window(), service: 'stock' })
    await expect(failure).rejects.toThrow(/Jaeger at http:\/\/jaeger\.test could not be reached: the proxy in front of it answered 502 \(Bad Gateway\)\. Check that Jaeger is running/)
    // and the failure did not decide the API: once Jaeger answers, v3 is used
    server.resetHandlers()
    server.use(http.get(`${BASE}/api/v3/services`, () => HttpResponse.json({ services: [] })), http.get(`${BASE}/api/v3/traces`, () => HttpResponse.json({ error: { httpCode: 400, message: 'query.start_time_min and query.start_time_max are required' } }, { status: 400 })))
    expect(await s.dialect()).toEqual({ api: 'v3', attributes: false })
  })
})
