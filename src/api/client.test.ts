import { delay, http, HttpResponse } from 'msw'
import { z } from 'zod'
import { server } from '../../mocks/node'
import { buildUrl, fetchJson } from './client'
import { ApiError } from './errors'
import { shouldRetry } from './query-client'

const Schema = z.object({ traces: z.array(z.object({ traceId: z.string(), duration: z.number() })) })
const URL_ = 'http://backend.test/api/v1/things'

async function failure(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p
  } catch (e) {
    if (e instanceof ApiError) return e
    throw new Error(`expected an ApiError, got ${String(e)}`, { cause: e })
  }
  throw new Error('expected the request to fail')
}

describe('fetchJson', () => {
  it('returns the validated body', async () => {
    server.use(http.get(URL_, () => HttpResponse.json({ traces: [{ traceId: 'a', duration: 5 }] })))
    await expect(fetchJson(URL_, Schema)).resolves.toEqual({ traces: [{ traceId: 'a', duration: 5 }] })
  })

  it('times out with a plain message and a transient error', async () => {
    server.use(http.get(URL_, async () => { await delay(1000); return HttpResponse.json({ traces: [] }) }))
    const e = await failure(fetchJson(URL_, Schema, { timeoutMs: 50, source: 'synthetic backend' }))
    expect(e.kind).toBe('timeout')
    expect(e.message).toBe('The synthetic backend did not answer within 50 ms.')
    expect(e.transient).toBe(true)
  })

  it('is cancelled by the caller’s signal, as when leaving a page', async () => {
    server.use(http.get(URL_, async () => { await delay(1000); return HttpResponse.json({ traces: [] }) }))
    const controller = new AbortController()
    const pending = fetchJson(URL_, Schema, { signal: controller.signal })
    setTimeout(() => controller.abort(), 20)
    const e = await failure(pending)
    expect(e.kind).toBe('aborted')
    expect(e.transient).toBe(false)
  })

  it('names a body that is not JSON', async () => {
    server.use(http.get(URL_, () => new HttpResponse('<html>gateway</html>', { headers: { 'Content-Type': 'text/html' } })))
    const e = await failure(fetchJson(URL_, Schema, { source: 'Jaeger' }))
    expect(e.kind).toBe('malformed')
    expect(e.message).toMatch(/^The Jaeger sent an answer that is not JSON \(it starts with "<html>gateway/)
  })

  it('names the offending field path when the schema does not match', async () => {
    server.use(http.get(URL_, () => HttpResponse.json({ traces: [{ traceId: 'a', duration: 1 }, { traceId: 'b', duration: 'slow' }] })))
    const e = await failure(fetchJson(URL_, Schema))
    expect(e.kind).toBe('malformed')
    expect(e.path).toBe('traces[1].duration')
    expect(e.message).toContain('field "traces[1].duration"')
  })

  it('passes the backend’s error message through, with the status', async () => {
    server.use(
      http.get(URL_, () => HttpResponse.json({ error: { code: 'bad_request', message: 'limit must be between 1 and 1000', param: 'limit' } }, { status: 400 })),
    )
    const e = await failure(fetchJson(URL_, Schema))
    expect(e.kind).toBe('http')
    expect(e.status).toBe(400)
    expect(e.path).toBe('limit')
    expect(e.message).toContain('limit must be between 1 and 1000')
    expect(e.transient).toBe(false)
  })

  it('reports an unreachable backend in plain words', async () => {
    server.use(http.get(URL_, () => HttpResponse.error()))
    const e = await failure(fetchJson(URL_, Schema, { source: 'Prometheus' }))
    expect(e.kind).toBe('offline')
    expect(e.message).toContain('The Prometheus could not be reached')
  })
})

describe('retry policy', () => {
  const err = (kind: ApiError['kind'], status: number | null = null) => new ApiError({ kind, status, message: 'x', source: 's', url: 'u' })
  it('retries transient failures at most twice, never client errors or malformed answers', () => {
    expect(shouldRetry(0, err('http', 503))).toBe(true)
    expect(shouldRetry(0, err('timeout'))).toBe(true)
    expect(shouldRetry(2, err('http', 503))).toBe(false)
    expect(shouldRetry(0, err('http', 404))).toBe(false)
    expect(shouldRetry(0, err('malformed'))).toBe(false)
    expect(shouldRetry(0, new Error('render bug'))).toBe(false)
  })
})

describe('buildUrl', () => {
  it('drops empty values and repeats array values', () => {
    expect(buildUrl('/x', { a: 1, b: undefined, c: '', tag: ['k=v', 'IsError=1'] })).toBe('/x?a=1&tag=k%3Dv&tag=IsError%3D1')
  })
})
