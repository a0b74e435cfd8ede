import { delay, http, HttpResponse } from 'msw'
import { z } from 'zod'
import { server } from '../../../mocks/node'
import { buildUrl } from './url'
import { fetchJson } from './request'
import { BLOCK_CHARS, LineBlocks } from './ndjson'
import { ApiError } from '../errors'
import { RequestWatch } from './watch'
import { shouldRetry } from '../query-client'

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
    const e = await failure(fetchJson(URL_, Schema, { silenceMs: 50, source: 'synthetic backend' }))
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

describe('LineBlocks', () => {
  /** Every line of the blocks, numbered as the blocks say, as [document, line number]. */
  const numbered = (blocks: [string, number][]) => blocks.flatMap(([b, first]) => b.split('\n').map((l, k) => [l, first + k] as const))

  it('gives every line whole and numbered, however the text is cut into pieces, multi-byte characters included', () => {
    const bytes = new TextEncoder().encode('{"a":"ünïcødé ✓"}\n\n{"b":2}\r\n{"c":"last, no newline"}')
    for (const size of [1, 2, 3, 7, 64]) {
      const decoder = new TextDecoder()
      const lines = new LineBlocks()
      const blocks: [string, number][] = []
      for (let i = 0; i < bytes.length; i += size) blocks.push(...lines.push(decoder.decode(bytes.slice(i, i + size), { stream: true })))
      blocks.push(...lines.push(decoder.decode()), ...lines.end())
      const got = numbered(blocks).filter(([l]) => l.trim()).map(([l, n]) => [JSON.parse(l) as unknown, n])
      expect(got).toEqual([[{ a: 'ünïcødé ✓' }, 1], [{ b: 2 }, 3], [{ c: 'last, no newline' }, 4]])
    }
  })

  it('gives a piece of megabytes in smaller blocks of whole lines, numbered on', () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => JSON.stringify({ i, pad: 'x'.repeat(60) }))
    const splitter = new LineBlocks()
    const blocks = [...splitter.push(lines.join('\n') + '\n'), ...splitter.end()]
    // 1.6 MB in one piece: several blocks, none much over 256 KB
    expect(blocks.length).toBeGreaterThan(4)
    for (const [b] of blocks) expect(b.length).toBeLessThan(BLOCK_CHARS + 200)
    const got = numbered(blocks).map(([l, n]) => [(JSON.parse(l) as { i: number }).i, n])
    expect(got).toEqual(lines.map((_, i) => [i, i + 1]))
  })

  it('holds back a line cut by the end of a piece until its end comes', () => {
    const splitter = new LineBlocks()
    expect(splitter.push('{"a":1}\n{"b"')).toEqual([['{"a":1}', 1]])
    expect(splitter.push(':2')).toEqual([])
    expect(splitter.push('}\n')).toEqual([['{"b":2}', 2]])
    expect(splitter.end()).toEqual([])
  })
})

describe('timeouts are about silence, not size', () => {
  /** A body of `pieces` pieces sent `everyMs` apart, then optionally a stall that never ends. */
  const dripping = (pieces: string[], everyMs: number, stallAfter = false) =>
    new HttpResponse(
      new ReadableStream<Uint8Array>({
        async start(c) {
          const enc = new TextEncoder()
          for (const p of pieces) {
            c.enqueue(enc.encode(p))
            await delay(everyMs)
          }
          if (stallAfter) return
          c.close()
        },
      }),
      { headers: { 'Content-Type': 'application/json' } },
    )
  const body = JSON.stringify({ traces: Array.from({ length: 40 }, (_, i) => ({ traceId: `t${i}`, duration: i })) })
  const pieces = (n: number) => Array.from({ length: n }, (_, i) => body.slice((i * body.length) / n, ((i + 1) * body.length) / n))

  it('lets a slow answer that keeps arriving finish, however much longer than the silence limit it takes', async () => {
    // 25 pieces 100 ms apart: 2.5 s in all, 2.5 times the 1 s a silence may last
    server.use(http.get(URL_, () => dripping(pieces(25), 100)))
    const got = await fetchJson(URL_, Schema, { silenceMs: 1000, source: 'Jaeger' })
    expect(got.traces).toHaveLength(40)
  })

  it('gives up on an answer that stops arriving, and says how much had come', async () => {
    server.use(http.get(URL_, () => dripping(pieces(12).slice(0, 3), 10, true)))
    const e = await failure(fetchJson(URL_, Schema, { silenceMs: 300, source: 'Jaeger' }))
    expect(e.kind).toBe('timeout')
    expect(e.message).toMatch(/^The Jaeger stopped sending its answer: nothing more came for 300 ms, after \d+ B of it\.$/)
    expect(e.transient).toBe(true)
  })
})

describe('the request watch', () => {
  it('lists a request while it is on its way, with the bytes that came, and forgets it once answered', async () => {
    let release: () => void = () => undefined
    const gate = new Promise<void>((r) => (release = r))
    server.use(
      http.get(URL_, () =>
        new HttpResponse(
          new ReadableStream<Uint8Array>({
            async start(c) {
              c.enqueue(new TextEncoder().encode('{"traces":'))
              await gate
              c.enqueue(new TextEncoder().encode('[]}'))
              c.close()
            },
          }),
          { headers: { 'Content-Type': 'application/json' } },
        ),
      ),
    )
    const watch = new RequestWatch()
    const pending = fetchJson(URL_, Schema, { watch, source: 'Jaeger' })
    await vi.waitFor(() => expect(watch.pending()[0]?.bytes).toBe(10))
    expect(watch.pending()).toMatchObject([{ source: 'Jaeger', url: URL_ }])
    release()
    await expect(pending).resolves.toEqual({ traces: [] })
    expect(watch.pending()).toEqual([])
  })

  it('cancels a request the user gives up on, saying so (and it is not retried)', async () => {
    server.use(http.get(URL_, async () => { await delay(5000); return HttpResponse.json({ traces: [] }) }))
    const watch = new RequestWatch()
    const pending = fetchJson(URL_, Schema, { watch, source: 'Prometheus' })
    await vi.waitFor(() => expect(watch.pending()).toHaveLength(1))
    watch.cancel(watch.pending().map((r) => r.id))
    const e = await failure(pending)
    expect(e.kind).toBe('aborted')
    expect(e.message).toMatch(/^Cancelled after waiting \d+ s for the Prometheus\.$/)
    expect(shouldRetry(0, e)).toBe(false)
    expect(watch.pending()).toEqual([])
  })
})
