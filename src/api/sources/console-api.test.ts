import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { bigTraceId } from '../../../mocks/synthetic/catalogue'
import { server } from '../../../mocks/node'
import { buildTraceTree } from '../../domain/trace/tree'
import { ApiError } from '../errors'
import { PREVIEW_ROWS, TRACE_STREAM_TYPE, writeTraceStream } from '../schemas/trace-stream'
import { buildTrace } from '../../../mocks/synthetic/trace'
import type { TraceLoadProgress } from './data-source'
import type { Trace } from '../../domain/model'
import type { TraceTree } from '../../domain/trace/tree'
import { createConsoleApiSource } from './console-api'

describe('console API source: a trace', () => {
  it('arrives streamed, line by line, with the spans received reported on the way', async () => {
    const seen: TraceLoadProgress[] = []
    const trace = await createConsoleApiSource().getTrace(bigTraceId(3000), undefined, { onProgress: (p) => seen.push(p) })
    expect(trace.spans).toHaveLength(3000)
    expect(seen.length).toBeGreaterThan(0)
    expect(seen[seen.length - 1]).toMatchObject({ spans: 3000, total: 3000 })
    for (let i = 1; i < seen.length; i++) expect(seen[i].spans).toBeGreaterThanOrEqual(seen[i - 1].spans)
  })

  it('gives the first rows of the Gantt while the spans arrive: the rows the finished tree opens with', async () => {
    const id = bigTraceId(3000)
    const synthetic = buildTrace(id)
    if (!synthetic) throw new Error('expected the synthetic trace')
    // the answer in chunks of 64 KB, as a network would hand it over
    const body = new TextEncoder().encode(writeTraceStream(synthetic))
    server.use(
      http.get('/api/v1/traces/:id', () => {
        const stream = new ReadableStream<Uint8Array>({
          start(c) {
            for (let i = 0; i < body.length; i += 65_536) c.enqueue(body.slice(i, i + 65_536))
            c.close()
          },
        })
        return new HttpResponse(stream, { headers: { 'Content-Type': TRACE_STREAM_TYPE } })
      }),
    )
    const seen: TraceLoadProgress[] = []
    const trace = await createConsoleApiSource().getTrace(id, undefined, { onProgress: (p) => seen.push(p) })
    const early = seen.find((p) => p.spans < p.total && (p.preview?.rows.length ?? 0) > 0)
    expect(early).toBeDefined()
    const preview = seen[seen.length - 1].preview
    expect(preview?.rows).toHaveLength(PREVIEW_ROWS)
    const tree = buildTraceTree(trace)
    const first = tree.nodes.slice(0, PREVIEW_ROWS)
    expect(preview?.rows.map((r) => [r.span.spanId, r.depth, r.start])).toEqual(first.map((n) => [n.key, n.depth, n.start]))
    expect([preview?.start, preview?.end]).toEqual([tree.start, tree.end])
    // the whole trace's services come with the first rows, so they are coloured as the whole trace will be
    expect(seen.find((p) => p.preview)?.preview?.services).toEqual(tree.services)
  })

  it('is the same trace whether the server streams it or answers one JSON document', async () => {
    const id = bigTraceId(1000)
    const streamed = await createConsoleApiSource().getTrace(id)
    server.use(http.get('/api/v1/traces/:id', () => HttpResponse.json({ trace: streamed })))
    await expect(createConsoleApiSource().getTrace(id)).resolves.toEqual(streamed)
  })

  it('refuses a stream cut off on the way in plain words, instead of showing part of the trace', async () => {
    const id = bigTraceId(1000)
    server.use(
      http.get('/api/v1/traces/:id', () => {
        const head = { traceId: id, sampling: { mode: 'probability', rate: 0.01, triggerSpanId: null, triggerTime: null }, warnings: [], spanCount: 5 }
        return new HttpResponse(`${JSON.stringify(head)}\n`, { headers: { 'Content-Type': 'application/x-ndjson' } })
      }),
    )
    const e = await createConsoleApiSource().getTrace(id).catch((x: unknown) => x)
    expect(e).toBeInstanceOf(ApiError)
    expect((e as ApiError).kind).toBe('malformed')
    expect((e as ApiError).message).toBe('The synthetic backend sent a trace the console cannot read: field "spans", the answer ended after 0 of the 5 spans it announced.')
  })

  it('is read off the page: the tree comes built with the trace, the same tree the page would build', async () => {
    const id = bigTraceId(2000)
    const handed: { trace: Trace; tree: TraceTree }[] = []
    const trace = await createConsoleApiSource().getTrace(id, undefined, { onTree: (t, tree) => handed.push({ trace: t, tree }) })
    expect(handed).toHaveLength(1)
    expect(handed[0].trace).toBe(trace)
    const built = buildTraceTree(trace)
    expect(handed[0].tree.nodes.map((n) => [n.key, n.depth, n.start, n.duration])).toEqual(built.nodes.map((n) => [n.key, n.depth, n.start, n.duration]))
    // the tree's nodes hold the trace's own spans, not copies
    expect(trace.spans).toContain(handed[0].tree.nodes[5].span)
    expect([handed[0].tree.start, handed[0].tree.end, handed[0].tree.errorCount]).toEqual([built.start, built.end, built.errorCount])
  })

  it('stops reading at a line it refuses and names the line, without waiting for the rest of the answer', async () => {
    const id = bigTraceId(1000)
    const enc = new TextEncoder()
    server.use(
      http.get('/api/v1/traces/:id', () => {
        const head = { traceId: id, sampling: { mode: 'probability', rate: 0.01, triggerSpanId: null, triggerTime: null }, warnings: [], spanCount: 5 }
        const stream = new ReadableStream<Uint8Array>({
          start(c) {
            c.enqueue(enc.encode(`${JSON.stringify(head)}\n`))
            c.enqueue(enc.encode('{"not a span": true}\n'))
            // the rest never comes (nor does the end): only a reader that stops at the bad line finishes
          },
        })
        return new HttpResponse(stream, { headers: { 'Content-Type': TRACE_STREAM_TYPE } })
      }),
    )
    const e = await createConsoleApiSource().getTrace(id).catch((x: unknown) => x)
    expect(e).toBeInstanceOf(ApiError)
    expect((e as ApiError).kind).toBe('malformed')
    expect((e as ApiError).message).toMatch(/^The synthetic backend sent a trace the console cannot read: field "spans\[0\]\.[a-zA-Z]+", line 2: /)
  })

  it('says in plain words when the trace does not exist', async () => {
    server.use(http.get('/api/v1/traces/:id', () => HttpResponse.json({ error: { code: 'not_found', message: 'No trace with id "x"' } }, { status: 404 })))
    const e = await createConsoleApiSource().getTrace('x').catch((x: unknown) => x)
    expect(e).toBeInstanceOf(ApiError)
    expect((e as ApiError).kind).toBe('http')
    expect((e as ApiError).message).toBe('The synthetic backend answered 404 Not Found: No trace with id "x"')
  })
})
