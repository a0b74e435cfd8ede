import { delay, http, HttpResponse } from 'msw'
import { z } from 'zod'
import { server } from '../../../mocks/node'
import { buildUrl } from './url'
import { fetchJson } from './request'
import { fetchLines } from './ndjson'
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

describe('fetchLines', () => {
  const NDJSON = 'application/x-ndjson'
  /** An answer whose body arrives in the given pieces of bytes. */
  const streamed = (pieces: Uint8Array[], type = NDJSON) =>
    new HttpResponse(
      new ReadableStream<Uint8Array>({
        start(c) {
          for (const p of pieces) c.enqueue(p)
          c.close()
        },
      }),
      { headers: { 'Content-Type': type } },
    )

  it('hands over every line whole and numbered, however the body is cut into pieces, multi-byte characters included', async () => {
    const bytes = new TextEncoder().encode('{"a":"ünïcødé ✓"}\n\n{"b":2}\r\n{"c":"last, no newline"}')
    for (const size of [1, 2, 3, 7, 64]) {
      const pieces: Uint8Array[] = []
      for (let i = 0; i < bytes.length; i += size) pieces.push(bytes.slice(i, i + size))
      server.use(http.get(URL_, () => streamed(pieces)))
      const lines: [string, number][] = []
      const onLines = (block: string, first: number) => block.split('\n').forEach((l, i) => lines.push([l, first + i]))
      await expect(fetchLines(URL_, NDJSON, onLines)).resolves.toEqual({ streamed: true })
      expect(lines.filter(([l]) => l.trim()).map(([l, n]) => [JSON.parse(l), n])).toEqual([[{ a: 'ünïcødé ✓' }, 1], [{ b: 2 }, 3], [{ c: 'last, no newline' }, 4]])
    }
  })

  it('hands a chunk of megabytes over in smaller blocks of whole lines, numbered on', async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => JSON.stringify({ i, pad: 'x'.repeat(60) }))
    server.use(http.get(URL_, () => streamed([new TextEncoder().encode(lines.join('\n') + '\n')])))
    const blocks: [string, number][] = []
    await fetchLines(URL_, NDJSON, (block, first) => blocks.push([block, first]))
    // 1.6 MB in one piece: several blocks, none much over 256 KB
    expect(blocks.length).toBeGreaterThan(4)
    for (const [b] of blocks) expect(b.length).toBeLessThan(256 * 1024 + 200)
    const got = blocks.flatMap(([b, first]) => b.split('\n').map((l, k) => [(JSON.parse(l) as { i: number }).i, first + k]))
    expect(got).toEqual(lines.map((_, i) => [i, i + 1]))
  })

  it('returns the body as text when the server answers another type instead of streaming', async () => {
    server.use(http.get(URL_, () => HttpResponse.json({ whole: true })))
    const seen: string[] = []
    await expect(fetchLines(URL_, NDJSON, (l) => seen.push(l))).resolves.toEqual({ streamed: false, text: '{"whole":true}' })
    expect(seen).toEqual([])
  })

  it('turns an error answer into the same plain-words ApiError as fetchText', async () => {
    server.use(http.get(URL_, () => HttpResponse.json({ error: { code: 'not_found', message: 'No trace with id "x"' } }, { status: 404 })))
    const e = await failure(fetchLines(URL_, NDJSON, () => undefined, { source: 'synthetic backend' }))
    expect(e.kind).toBe('http')
    expect(e.message).toBe('The synthetic backend answered 404 Not Found: No trace with id "x"')
  })

  it('stops reading when a line is refused, and passes the refusal on', async () => {
    const enc = new TextEncoder()
    server.use(http.get(URL_, () => streamed([enc.encode('{"ok":1}\n'), enc.encode('bad\n'), enc.encode('{"never":1}\n')])))
    const seen: string[] = []
    const refusal = new Error('line 2 is bad')
    await expect(
      fetchLines(URL_, NDJSON, (block) => {
        seen.push(block)
        if (block.includes('bad')) throw refusal
      }),
    ).rejects.toBe(refusal)
    expect(seen).toEqual(['{"ok":1}', 'bad'])
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

  it('applies the same rule to streamed lines: a slow stream of lines is read to its end', async () => {
    const lines = Array.from({ length: 25 }, (_, i) => `{"i":${i}}\n`)
    server.use(http.get(URL_, () => new HttpResponse(dripping(lines, 100).body, { headers: { 'Content-Type': 'application/x-ndjson' } })))
    const seen: string[] = []
    await fetchLines(URL_, 'application/x-ndjson', (block) => seen.push(...block.split('\n')), { silenceMs: 1000 })
    expect(seen).toHaveLength(25)
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
