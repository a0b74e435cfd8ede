import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { bigTraceId } from '../../../mocks/synthetic/catalogue'
import { server } from '../../../mocks/node'
import { ApiError } from '../errors'
import type { TraceLoadProgress } from './data-source'
import { createConsoleApiSource } from './console-api'

describe('console API source: a trace', () => {
  it('arrives streamed, line by line, with the spans received reported on the way', async () => {
    const seen: TraceLoadProgress[] = []
    const trace = await createConsoleApiSource().getTrace(bigTraceId(3000), undefined, (p) => seen.push(p))
    expect(trace.spans).toHaveLength(3000)
    expect(seen.length).toBeGreaterThan(0)
    expect(seen[seen.length - 1]).toEqual({ spans: 3000, total: 3000 })
    for (let i = 1; i < seen.length; i++) expect(seen[i].spans).toBeGreaterThanOrEqual(seen[i - 1].spans)
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
})
