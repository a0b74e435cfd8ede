import { http, HttpResponse } from 'msw'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { server } from '../../../mocks/node'
import { bigTraceId } from '../../../mocks/synthetic/catalogue'
import { buildTrace } from '../../../mocks/synthetic/trace'
import { OVERRIDES_KEY } from '../../api/config'
import { createQueryClient } from '../../api/query-client'
import { traceQueries } from '../../api/queries/traces'
import { TRACE_STREAM_TYPE, writeTraceStream } from '../../api/schemas/trace-stream'
import { CONSOLE_API_PATH, createConsoleApiSource } from '../../api/sources/console-api'
import { earlyTraceHandOff } from './early-answer'
import { EARLY_TRACE_SETTINGS, earlyTraceRequest, startEarlyTrace } from './early-trace'
import { createJaegerSource } from '../../api/sources/jaeger'
import { createTempoSource } from '../../api/sources/tempo'
import { inThreadWorker } from '../../api/trace-loading/backend/read-backend-trace'
import type { BackendTraceWorker } from '../../api/trace-loading/backend/read-backend-trace'
import { TraceLoader } from '../../api/trace-loading/trace-loader'

const API = 'http://traces.example:8080'
const id = bigTraceId(2000)

/** The console API on API, counting the trace requests it answers. */
function serveTraces(config: unknown) {
  const asked: string[] = []
  const trace = buildTrace(id)
  if (!trace) throw new Error('expected the synthetic trace')
  server.use(
    http.get('/config.json', () => (config === undefined ? new HttpResponse(null, { status: 404 }) : HttpResponse.json(config))),
    http.get(`${API}/api/v1/traces/:id`, ({ request, params }) => {
      asked.push(`${String(params.id)} ${request.headers.get('accept') ?? ''}`)
      return new HttpResponse(writeTraceStream(trace), { headers: { 'Content-Type': TRACE_STREAM_TYPE } })
    }),
  )
  return asked
}

const consoleConfig = { traces: { kind: 'console', baseUrl: `${API}/` }, metrics: { kind: 'console', baseUrl: API } }
const signal = () => new AbortController().signal
/** What the page's first script left, read afresh (not narrowed by an earlier `delete`). */
const earlyNow = () => window.__tracelensEarlyTrace
/** What boot hands the trace loader, asked for `url` once, as the console API source would. */
const takeEarlyResponse = (url: string, accept: string, s: AbortSignal) => earlyTraceHandOff(window)?.underWay(url, accept, s) ?? Promise.resolve(null)

beforeEach(() => window.history.pushState({}, '', `/traces/${id}?span=abc`))
afterEach(() => {
  delete window.__tracelensEarlyTrace
  window.localStorage.clear()
  window.history.pushState({}, '', '/')
})

describe('the early trace request', () => {
  it('uses the console’s own names for the configuration, the overrides, the API path and the stream type', () => {
    expect(EARLY_TRACE_SETTINGS).toEqual({ configUrl: '/config.json', overridesKey: OVERRIDES_KEY, apiPath: CONSOLE_API_PATH, accept: TRACE_STREAM_TYPE, backendAccept: 'application/json' })
  })

  it('asks a console API served for real for the trace the address names, and the trace loader reads that answer instead of asking again', async () => {
    const asked = serveTraces(consoleConfig)
    startEarlyTrace(window, EARLY_TRACE_SETTINGS)
    // boot's hand-off to the client, as in main.tsx
    const client = createQueryClient({ underWay: earlyTraceHandOff(window)?.underWay })
    expect(window.__tracelensEarlyTrace).toBeUndefined()
    const source = createConsoleApiSource({ baseUrl: consoleConfig.traces.baseUrl, label: 'Console API', id: 'console' })
    const trace = await client.fetchQuery(traceQueries.detail(source, id))
    expect(trace.spans).toHaveLength(2000)
    expect(asked).toEqual([`${id} ${TRACE_STREAM_TYPE}`])
    // taken once: a second load of the trace asks the server again
    client.clear()
    await client.fetchQuery(traceQueries.detail(source, id))
    expect(asked).toHaveLength(2)
  })

  it('follows the settings page’s override of config.json', async () => {
    const asked = serveTraces({ traces: { kind: 'synthetic' }, metrics: { kind: 'synthetic' } })
    window.localStorage.setItem(OVERRIDES_KEY, JSON.stringify({ traces: consoleConfig.traces }))
    startEarlyTrace(window, EARLY_TRACE_SETTINGS)
    const response = await takeEarlyResponse(`${API}/api/v1/traces/${id}`, TRACE_STREAM_TYPE, signal())
    expect(response?.status).toBe(200)
    expect(asked).toHaveLength(1)
  })

  it('asks nothing for the synthetic world, for other kinds of source, without config.json, or on other pages', async () => {
    const asked = serveTraces({ traces: { kind: 'synthetic' }, metrics: { kind: 'synthetic' } })
    const url = `${API}/api/v1/traces/${id}`
    startEarlyTrace(window, EARLY_TRACE_SETTINGS)
    expect(await takeEarlyResponse(url, TRACE_STREAM_TYPE, signal())).toBeNull()

    serveTraces({ traces: { kind: 'prometheus', baseUrl: API } })
    startEarlyTrace(window, EARLY_TRACE_SETTINGS)
    expect(await takeEarlyResponse(url, TRACE_STREAM_TYPE, signal())).toBeNull()

    serveTraces(undefined)
    startEarlyTrace(window, EARLY_TRACE_SETTINGS)
    expect(await takeEarlyResponse(url, TRACE_STREAM_TYPE, signal())).toBeNull()

    serveTraces(consoleConfig)
    for (const path of ['/traces', '/topology', '/traces/compare', '/traces/file-0123abcd', '/traces/%E0%A4%A']) {
      window.history.pushState({}, '', path)
      startEarlyTrace(window, EARLY_TRACE_SETTINGS)
      expect(window.__tracelensEarlyTrace).toBeUndefined()
    }
    expect(asked).toEqual([])
  })

  it('is not handed to a request for another trace or another media type, and is then let go', async () => {
    serveTraces(consoleConfig)
    startEarlyTrace(window, EARLY_TRACE_SETTINGS)
    expect(await takeEarlyResponse(`${API}/api/v1/traces/other`, TRACE_STREAM_TYPE, signal())).toBeNull()
    startEarlyTrace(window, EARLY_TRACE_SETTINGS)
    expect(await takeEarlyResponse(`${API}/api/v1/traces/${id}`, 'application/json', signal())).toBeNull()
    expect(window.__tracelensEarlyTrace).toBeUndefined()
  })

  it('leaves the caller to ask for itself when the early request failed', async () => {
    server.use(
      http.get('/config.json', () => HttpResponse.json(consoleConfig)),
      http.get(`${API}/api/v1/traces/:id`, () => HttpResponse.error()),
    )
    startEarlyTrace(window, EARLY_TRACE_SETTINGS)
    expect(await takeEarlyResponse(`${API}/api/v1/traces/${id}`, TRACE_STREAM_TYPE, signal())).toBeNull()
  })

  it('stops when the caller stops, and is let go when nobody takes it', async () => {
    const signals: AbortSignal[] = []
    const trace = buildTrace(id)
    if (!trace) throw new Error('expected the synthetic trace')
    server.use(
      http.get('/config.json', () => HttpResponse.json(consoleConfig)),
      http.get(`${API}/api/v1/traces/:id`, ({ request }) => {
        signals.push(request.signal)
        return new HttpResponse(writeTraceStream(trace), { headers: { 'Content-Type': TRACE_STREAM_TYPE } })
      }),
    )
    const url = `${API}/api/v1/traces/${id}`
    startEarlyTrace(window, EARLY_TRACE_SETTINGS)
    const caller = new AbortController()
    expect(await takeEarlyResponse(url, TRACE_STREAM_TYPE, caller.signal)).not.toBeNull()
    expect(signals[0].aborted).toBe(false)
    caller.abort()
    expect(signals[0].aborted).toBe(true)

    startEarlyTrace(window, EARLY_TRACE_SETTINGS)
    const early = window.__tracelensEarlyTrace
    expect(await takeEarlyResponse(`${API}/api/v1/traces/other`, TRACE_STREAM_TYPE, signal())).toBeNull()
    const made = await early?.request
    expect(made?.url).toBe(url)
    await expect(made?.response).rejects.toMatchObject({ name: 'AbortError' })
  })

  it('asks where the console’s Jaeger and Tempo sources will ask: Jaeger only with its API named, nothing with an Authorization header', () => {
    const at = (traces: unknown) => earlyTraceRequest(traces, 'ab12', EARLY_TRACE_SETTINGS)
    expect(at({ kind: 'jaeger', baseUrl: `${API}//`, api: 'legacy' })).toEqual({ url: `${API}/api/traces/ab12`, accept: 'application/json' })
    expect(at({ kind: 'jaeger', baseUrl: API, api: 'v3' })).toEqual({ url: `${API}/api/v3/traces/ab12`, accept: 'application/json' })
    expect(at({ kind: 'tempo', baseUrl: API })).toEqual({ url: `${API}/api/v2/traces/ab12`, accept: 'application/json' })
    // "auto" (the default): which API is asked only once the server has said which it has
    expect(at({ kind: 'jaeger', baseUrl: API })).toBeNull()
    expect(at({ kind: 'jaeger', baseUrl: API, api: 'auto' })).toBeNull()
    expect(at({ kind: 'jaeger', baseUrl: API, api: 'legacy', authHeader: 'Bearer x' })).toBeNull()
    expect(at({ kind: 'tempo', baseUrl: API, authHeader: 'Bearer x' })).toBeNull()
  })

  it('a Jaeger (classic and v3) or Tempo trace asked for by the early script is read from that answer, not asked again', async () => {
    const jaegerBody = {
      data: [{ traceID: id, spans: [{ traceID: id, spanID: 's1', operationName: 'GET /a', startTime: 1_700_000_000_000_000, duration: 5, tags: [], processID: 'p1' }], processes: { p1: { serviceName: 'gateway' } } }],
    }
    const otlp = {
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'gateway' } }] },
          scopeSpans: [{ spans: [{ traceId: id, spanId: '0000000000000001', name: 'GET /a', kind: 2, startTimeUnixNano: '1700000000000000000', endTimeUnixNano: '1700000000000005000' }] }],
        },
      ],
    }
    const asked: string[] = []
    server.use(
      http.get(`${API}/api/traces/:id`, ({ request }) => {
        asked.push(new URL(request.url).pathname)
        return HttpResponse.json(jaegerBody)
      }),
      http.get(`${API}/api/v3/traces/:id`, ({ request }) => {
        asked.push(new URL(request.url).pathname)
        return HttpResponse.json({ result: otlp })
      }),
      http.get(`${API}/api/v2/traces/:id`, ({ request }) => {
        asked.push(new URL(request.url).pathname)
        return HttpResponse.json({ trace: otlp })
      }),
    )
    const cases = [
      { traces: { kind: 'jaeger', baseUrl: API, api: 'legacy' as const }, source: () => createJaegerSource({ name: 'Jaeger', baseUrl: API }, { api: 'legacy' }), path: `/api/traces/${id}` },
      { traces: { kind: 'jaeger', baseUrl: API, api: 'v3' as const }, source: () => createJaegerSource({ name: 'Jaeger', baseUrl: API }, { api: 'v3' }), path: `/api/v3/traces/${id}` },
      { traces: { kind: 'tempo', baseUrl: API }, source: () => createTempoSource({ name: 'Tempo', baseUrl: API }), path: `/api/v2/traces/${id}` },
    ]
    for (const c of cases) {
      asked.length = 0
      server.use(http.get('/config.json', () => HttpResponse.json({ traces: c.traces })))
      startEarlyTrace(window, EARLY_TRACE_SETTINGS)
      const early = window.__tracelensEarlyTrace
      const loader = new TraceLoader({ underWay: earlyTraceHandOff(window)?.underWay }, { startWorker: inThreadWorker })
      const trace = await loader.load(c.source(), id)
      expect(trace.spans.map((s) => [s.name, s.service])).toEqual([['GET /a', 'gateway']])
      // the early script's request, and no other: the source took it
      expect((await early?.request)?.url).toBe(`${API}${c.path}`)
      expect(asked).toEqual([c.path])
    }
  })

  it('starts the reader worker beside a backend’s request, and the trace loader reads the answer in it instead of starting one', async () => {
    const started: { url: string; type: string | undefined; worker: BackendTraceWorker }[] = []
    // a Worker that runs the reader's steps on this thread (jsdom has no workers)
    vi.stubGlobal(
      'Worker',
      class {
        constructor(url: string, options?: WorkerOptions) {
          const worker = inThreadWorker()
          started.push({ url, type: options?.type, worker })
          return worker
        }
      },
    )
    try {
      const jaegerBody = {
        data: [{ traceID: id, spans: [{ traceID: id, spanID: 's1', operationName: 'GET /a', startTime: 1_700_000_000_000_000, duration: 5, tags: [], processID: 'p1' }], processes: { p1: { serviceName: 'gateway' } } }],
      }
      server.use(
        http.get('/config.json', () => HttpResponse.json({ traces: { kind: 'jaeger', baseUrl: API, api: 'legacy' } })),
        http.get(`${API}/api/traces/:id`, () => HttpResponse.json(jaegerBody)),
      )
      startEarlyTrace(window, EARLY_TRACE_SETTINGS, '/assets/backend-trace.worker-abc.js')
      await earlyNow()?.request
      expect(started.map((w) => [w.url, w.type])).toEqual([['/assets/backend-trace.worker-abc.js', 'module']])
      // boot's hand-off, as in main.tsx
      const handOff = earlyTraceHandOff(window)
      const reader = handOff?.reader ?? (() => null)
      let ownWorkers = 0
      const loader = new TraceLoader({ underWay: handOff?.underWay, reader }, { startWorker: () => (ownWorkers++, inThreadWorker()) })
      const trace = await loader.load(createJaegerSource({ name: 'Jaeger', baseUrl: API }, { api: 'legacy' }), id)
      expect(trace.spans.map((s) => [s.name, s.service])).toEqual([['GET /a', 'gateway']])
      expect(ownWorkers).toBe(0)
      // given once, and kept by the loader for its next read like any reader
      expect(reader()).toBeNull()
      expect(loader.readers.size).toBe(1)

      // the console API's stream is read as it comes, not in this worker; nor is anything started without the worker's address
      started.length = 0
      serveTraces(consoleConfig)
      startEarlyTrace(window, EARLY_TRACE_SETTINGS, '/assets/backend-trace.worker-abc.js')
      await earlyNow()?.request
      delete window.__tracelensEarlyTrace
      server.use(http.get('/config.json', () => HttpResponse.json({ traces: { kind: 'jaeger', baseUrl: API, api: 'legacy' } })))
      startEarlyTrace(window, EARLY_TRACE_SETTINGS)
      await earlyNow()?.request
      expect(started).toEqual([])

      // a worker the console did not take before taking the answer (it had started its own) is stopped
      delete window.__tracelensEarlyTrace
      startEarlyTrace(window, EARLY_TRACE_SETTINGS, '/assets/backend-trace.worker-abc.js')
      await earlyNow()?.request
      const terminate = vi.spyOn(started[0].worker, 'terminate')
      const late = earlyTraceHandOff(window)
      expect(await late?.underWay(`${API}/api/traces/${id}`, 'application/json', signal())).not.toBeNull()
      expect(terminate).toHaveBeenCalledTimes(1)
      expect(late?.reader()).toBeNull()
    } finally {
      vi.unstubAllGlobals()
    }
  })
})
