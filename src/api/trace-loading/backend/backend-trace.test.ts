import { http, HttpResponse } from 'msw'
import { describe, expect, it, vi } from 'vitest'
import { server } from '../../../../mocks/node'
import { createJaegerSource } from '../../sources/jaeger'
import { createTempoSource } from '../../sources/tempo'
import type { TraceLoadProgress } from '../../sources/data-source'
import { IDLE_WORKER_MS, TraceLoader } from '../trace-loader'
import { buildTraceTree } from '../../../domain/trace/tree'
import { inThreadWorker } from './read-backend-trace'
import type { BackendTraceWorker } from './read-backend-trace'
import type { BackendTraceRequest, BackendTraceResponse } from './backend-trace-steps'
import { bigTraceId } from '../../../../mocks/synthetic/catalogue'
import { buildTrace } from '../../../../mocks/synthetic/trace'
import { traceStreamParts, writeTraceStream } from '../../schemas/trace-stream'
import type { Trace } from '../../../domain/model'
import { defaultSampling } from '../../formats/otel-mapping'
import { jaegerFile } from '../../formats/jaeger-file.test-util'
import { SEGMENT_CHARS } from '../../formats/jaeger-parts'
import { parseBackendTrace } from './backend-trace-steps'

const BASE = 'http://jaeger.test'
const TRACE_ID = '0af7651916cd43dd8448eb211c80319c'
const hex16 = (i: number) => i.toString(16).padStart(16, '0')

/** A v3 (OTLP JSON) answer of one trace: a root calling `n - 1` children, in reverse order (the root last), as grpc-gateway streams it. */
function fanOutV3(n: number): string {
  const t0 = 1_700_000_000_000_000_000n
  const spans = []
  for (let i = n - 1; i >= 0; i--) {
    const start = t0 + BigInt(i) * 1000n
    spans.push({
      traceId: TRACE_ID,
      spanId: hex16(i + 1),
      ...(i === 0 ? {} : { parentSpanId: hex16(1) }),
      name: i === 0 ? 'GET /fan-out' : `call ${i}`,
      kind: i === 0 ? 2 : 3,
      startTimeUnixNano: String(start),
      endTimeUnixNano: String(i === 0 ? start + BigInt(n) * 1000n + 5000n : start + 800n),
      attributes: [{ key: 'shard', value: { intValue: String(i % 64) } }],
      status: { code: i % 1000 === 7 ? 2 : 0 },
    })
  }
  const result = { resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'fan-out' } }] }, scopeSpans: [{ spans }] }] }
  return `${JSON.stringify({ result })}\n`
}

/** A Jaeger v3 API answering every trace by id with `body` (and its dialect probe as Jaeger ≥ 2.19 does). */
function serveV3(body: string): void {
  server.use(
    // what the dialect probe is answered (src/api/sources/jaeger-dialect.ts)
    http.get(`${BASE}/api/v3/traces`, () => HttpResponse.json({ error: { httpCode: 400, message: 'query.start_time_min and query.start_time_max are required' } }, { status: 400 })),
    http.get(`${BASE}/api/v3/traces/:id`, () => new HttpResponse(body, { headers: { 'Content-Type': 'application/json' } })),
  )
}

/** The worker the loader hands sources, watched: which messages and how many body bytes reach it. */
function watchedWorkers() {
  // marks: the names of the steps the worker reported timing for
  const seen = { workers: 0, stopped: 0, bytes: 0, types: [] as BackendTraceRequest['type'][], marks: [] as string[] }
  const start = (): BackendTraceWorker => {
    const w = inThreadWorker()
    seen.workers++
    return {
      get onmessage() {
        return w.onmessage
      },
      set onmessage(h) {
        w.onmessage = h
          ? (e) => {
              if (e.data.type === 'timing') seen.marks.push(...e.data.marks.map(([name]) => name))
              h(e)
            }
          : null
      },
      postMessage: (m, transfer) => {
        seen.types.push(m.type)
        if (m.type === 'chunk') seen.bytes += m.bytes.byteLength
        w.postMessage(m, transfer)
      },
      terminate: () => {
        seen.stopped++
        w.terminate()
      },
    }
  }
  return { seen, start }
}

describe('a backend trace read through the trace loader', () => {
  it('a 50,000-span Jaeger v3 fan-out: the body goes to the worker as it arrives, the page gets first rows before the rest, then the whole tree-ordered trace', async () => {
    const body = fanOutV3(50_000)
    serveV3(body)
    const { seen, start } = watchedWorkers()
    const loader = new TraceLoader({}, { startWorker: start })
    const reports: TraceLoadProgress[] = []
    vi.spyOn(loader.progress, 'report').mockImplementation((_, p) => reports.push(p))
    const source = createJaegerSource({ name: 'Jaeger', baseUrl: BASE }, { api: 'v3' })

    const trace = await loader.load(source, TRACE_ID)

    expect(seen.workers).toBe(1)
    expect(seen.bytes).toBe(new TextEncoder().encode(body).byteLength)
    expect(seen.types[0]).toBe('begin')
    expect(seen.types.at(-1)).toBe('end')
    expect(trace.spans).toHaveLength(50_000)
    // the tree's order, worked out in the worker: the root first, then its calls by start time
    expect(trace.spans[0].name).toBe('GET /fan-out')
    expect(trace.spans[1].name).toBe('call 1')
    expect(trace.spans.filter((s) => s.status === 'error')).toHaveLength(50)
    const first = reports.find((p) => (p.preview?.rows.length ?? 0) > 0)
    expect(first).toBeDefined()
    expect(first?.spans).toBeLessThan(50_000)
    expect(first?.total).toBe(50_000)
    expect(first?.preview?.rows[0].span.name).toBe('GET /fan-out')
    // the tree was built in the worker and is held for the trace: the page does not build it again
    const tree = loader.trees.get(trace)
    const built = buildTraceTree(trace)
    expect(tree?.nodes.map((n) => n.key)).toEqual(built.nodes.map((n) => n.key))
    expect(tree?.nodes[1].span).toBe(trace.spans[1])
    expect([tree?.start, tree?.end, tree?.errorCount]).toEqual([built.start, built.end, 50])
  })

  it('a classic Jaeger answer of 20,000 spans (8.6 MB) is parsed in parts as it arrives and gives the trace a whole read gives, span for span, in the tree\'s order', async () => {
    const answer = jaegerFile(20_000, { samplingOn: 19_000, missingProcessOn: 19_500 })
    const text = JSON.stringify(answer)
    expect(text.length).toBeGreaterThan(2 * SEGMENT_CHARS)
    server.use(http.get(`${BASE}/api/traces/:id`, () => new HttpResponse(text, { headers: { 'Content-Type': 'application/json' } })))
    const { seen, start } = watchedWorkers()
    const loader = new TraceLoader({}, { startWorker: start })
    const reports: TraceLoadProgress[] = []
    vi.spyOn(loader.progress, 'report').mockImplementation((_, p) => reports.push(p))
    const trace = await loader.load(createJaegerSource({ name: 'Jaeger', baseUrl: BASE }, { api: 'legacy' }), 'a1b2c3d4e5f60718')

    // the worker parsed the answer in parts: it never joined the whole text
    expect(seen.marks).toContain('parsed')
    expect(seen.marks).not.toContain('joined')
    // what the whole read gives: the same spans, sampling and warnings, and the tree's order
    const truth = parseBackendTrace(text, 'jaeger')
    if (!truth) throw new Error('expected a trace')
    const expected = traceStreamParts(truth)
    expect(trace.spans).toEqual(expected.spans)
    expect([trace.sampling, trace.warnings]).toEqual([truth.sampling, truth.warnings])
    expect(trace.warnings.some((w) => w.includes('p-gone'))).toBe(true)
    expect(trace.sampling.mode).not.toBe(defaultSampling().mode)
    // first rows before the whole trace was handed over
    const first = reports.find((p) => (p.preview?.rows.length ?? 0) > 0)
    expect(first?.spans).toBeLessThan(20_000)
    const tree = loader.trees.get(trace)
    expect(tree?.nodes.map((n) => n.key)).toEqual(buildTraceTree(trace).nodes.map((n) => n.key))
  })

  it('a classic Jaeger answer that is not JSON, or has a bad field, fails in plain words naming the field', async () => {
    const source = createJaegerSource({ name: 'Jaeger', baseUrl: BASE }, { api: 'legacy' })
    const loader = new TraceLoader({}, { startWorker: inThreadWorker })
    server.use(http.get(`${BASE}/api/traces/:id`, () => new HttpResponse('<html>login</html>', { headers: { 'Content-Type': 'text/html' } })))
    await expect(loader.load(source, 'abc')).rejects.toThrow(/answered \/api\/traces\/abc with something that is not JSON/)
    server.use(
      http.get(`${BASE}/api/traces/:id`, () =>
        HttpResponse.json({ data: [{ traceID: 'abc', spans: [{ traceID: 'abc', spanID: 's1', operationName: 'x', startTime: 'soon', duration: 1, tags: [], processID: 'p1' }], processes: { p1: { serviceName: 'a' } } }] }),
      ),
    )
    await expect(loader.load(source, 'abc')).rejects.toThrow(/Jaeger sent a trace the console cannot read: .*startTime/)
    server.use(http.get(`${BASE}/api/traces/:id`, () => HttpResponse.json({ data: [] })))
    await expect(loader.load(source, 'abc')).rejects.toThrow('Jaeger has no trace abc')
  })

  it('Tempo: the v2 answer wrapped in "trace" is read in the worker, and a 404 of the trace says it does not exist', async () => {
    const body = JSON.parse(fanOutV3(300)) as { result: { resourceSpans: unknown[] } }
    server.use(
      http.get(`${BASE}/api/v2/traces/${TRACE_ID}`, () => HttpResponse.json({ trace: body.result })),
      http.get(`${BASE}/api/v2/traces/:id`, () => HttpResponse.json({ error: 'trace not found' }, { status: 404 })),
      http.get(`${BASE}/api/traces/:id`, () => HttpResponse.json({ error: 'trace not found' }, { status: 404 })),
    )
    const { seen, start } = watchedWorkers()
    const loader = new TraceLoader({}, { startWorker: start })
    const trace = await loader.load(createTempoSource({ name: 'Tempo', baseUrl: BASE }), TRACE_ID)
    expect(trace.spans).toHaveLength(300)
    expect(seen.workers).toBe(1)
    await expect(loader.load(createTempoSource({ name: 'Tempo', baseUrl: BASE }), '00000000000000000000000000000001')).rejects.toThrow('Tempo has no trace')
  })

  it('a silent backend still fails on the silence limit, and the worker started beside the request, sent nothing, is kept for the next read', async () => {
    server.use(http.get(`${BASE}/api/traces/:id`, () => new Promise<Response>(() => undefined)))
    const { seen, start } = watchedWorkers()
    const loader = new TraceLoader({}, { startWorker: start })
    const source = createJaegerSource({ name: 'Jaeger', baseUrl: BASE, silenceMs: 50 }, { api: 'legacy' })
    await expect(loader.load(source, 'abc')).rejects.toThrow('did not answer within 50 ms')
    expect([seen.workers, seen.stopped, seen.types, loader.readers.size]).toEqual([1, 0, [], 1])
  })

  it('a console API stream: its spans go to the page in blocks while the answer is still arriving, the tree after the last', async () => {
    const synthetic = buildTrace(bigTraceId(5000))
    if (!synthetic) throw new Error('expected the synthetic trace')
    const bytes = new TextEncoder().encode(writeTraceStream(synthetic))
    const w = inThreadWorker()
    const got: BackendTraceResponse['type'][] = []
    let spansBeforeEnd = 0
    let ended = false
    const done = new Promise<void>((resolve) => {
      w.onmessage = (e) => {
        got.push(e.data.type)
        if (e.data.type === 'spans' && !ended) spansBeforeEnd += e.data.block.count
        if (e.data.type === 'done' || e.data.type === 'error') resolve()
      }
    })
    w.postMessage({ type: 'begin', format: 'console-stream', backend: 'synthetic backend' })
    // the first 80 % of the body, in pieces of 64 KB; the rest is held back until the worker has
    // handed the page the spans it holds (a reader that waited for the end never would)
    const cut = Math.floor(bytes.length * 0.8)
    for (let i = 0; i < cut; i += 65_536) w.postMessage({ type: 'chunk', bytes: bytes.slice(i, Math.min(cut, i + 65_536)).buffer })
    await vi.waitFor(() => expect(spansBeforeEnd).toBeGreaterThanOrEqual(2240), { timeout: 10_000, interval: 20 })
    ended = true
    w.postMessage({ type: 'chunk', bytes: bytes.slice(cut).buffer })
    w.postMessage({ type: 'end' })
    await done
    w.terminate()
    expect(got.slice(0, 2)).toEqual(['start', 'head'])
    expect(spansBeforeEnd).toBeGreaterThanOrEqual(2240)
    expect(spansBeforeEnd).toBeLessThan(5000)
    // the tree only once every span is in, right before the end
    expect(got.slice(-3)).toEqual(['tree', 'timing', 'done'])
    // a small first block (the first rows), then blocks of 2,000
    expect(got.filter((t) => t === 'spans')).toHaveLength(4)
  })

  it('reads one trace after another in the same worker, and stops a worker left idle', async () => {
    const body = fanOutV3(300)
    serveV3(body)
    const { seen, start } = watchedWorkers()
    const loader = new TraceLoader({}, { startWorker: start })
    const source = createJaegerSource({ name: 'Jaeger', baseUrl: BASE }, { api: 'v3' })
    const first = await loader.load(source, TRACE_ID)
    const second = await loader.load(source, TRACE_ID)
    expect([first.spans.length, second.spans.length]).toEqual([300, 300])
    // one worker read both answers, and is kept for the next one
    expect([seen.workers, seen.stopped, loader.readers.size]).toEqual([1, 0, 1])
    expect(seen.types.filter((t) => t === 'begin')).toHaveLength(2)
    vi.useFakeTimers()
    try {
      // a new idle period starts with the next hand-back
      const w = loader.readers.take()
      loader.readers.give(w, true)
      vi.advanceTimersByTime(IDLE_WORKER_MS)
      expect([seen.stopped, loader.readers.size]).toEqual([1, 0])
    } finally {
      vi.useRealTimers()
    }
  })

  it('a tap on a trace gets its hand-over as the page takes it, from start to done, then the trace; a read stopped half-way tells it so; another trace\'s read gives it nothing', async () => {
    serveV3(fanOutV3(3000))
    const loader = new TraceLoader({}, { startWorker: inThreadWorker })
    const source = createJaegerSource({ name: 'Jaeger', baseUrl: BASE }, { api: 'v3' })
    const seen: string[] = []
    const loaded: Trace[] = []
    let failed = 0
    const stop = loader.tap(source.id, TRACE_ID, { message: (m) => seen.push(m.type), loaded: (t) => loaded.push(t), failed: () => failed++ })
    await loader.load(source, 'ffffffffffffffffffffffffffffffff')
    expect(seen).toEqual([])
    const trace = await loader.load(source, TRACE_ID)
    expect(seen.slice(0, 3)).toEqual(['start', 'head', 'spans'])
    expect(seen.at(-1)).toBe('done')
    expect(seen).toContain('tree')
    expect(loaded).toEqual([trace])
    // a read stopped half-way (the page left): the tap is told
    const stopping = new AbortController()
    seen.length = 0
    loaded.length = 0
    const tapped = loader.tap(source.id, TRACE_ID, { message: (m) => {
        seen.push(m.type)
        if (m.type === 'head') stopping.abort()
      }, loaded: (t) => loaded.push(t), failed: () => failed++ })
    await expect(loader.load(source, TRACE_ID, stopping.signal)).rejects.toThrow()
    expect(seen[0]).toBe('start')
    expect(loaded).toEqual([])
    expect(failed).toBe(1)
    // stopped: the next read is not tapped
    stop()
    tapped()
    serveV3(fanOutV3(3000))
    seen.length = 0
    await loader.load(source, TRACE_ID)
    expect(seen).toEqual([])
  })

  it('stops a worker whose read failed instead of keeping it', async () => {
    server.use(http.get(`${BASE}/api/traces/:id`, () => new HttpResponse('<html>login</html>', { headers: { 'Content-Type': 'text/html' } })))
    const { seen, start } = watchedWorkers()
    const loader = new TraceLoader({}, { startWorker: start })
    await expect(loader.load(createJaegerSource({ name: 'Jaeger', baseUrl: BASE }, { api: 'legacy' }), 'abc')).rejects.toThrow(/not JSON/)
    expect([seen.workers, seen.stopped, loader.readers.size]).toEqual([1, 1, 0])
  })
})
