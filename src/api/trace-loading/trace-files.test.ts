import { describe, expect, it } from 'vitest'
import smallText from '../formats/fixtures/trace-small.json?raw'
import { createQueryClient } from '../query-client'
import { traceQueries } from '../queries/traces'
import { createConsoleApiSource } from '../sources/console-api'
import type { TraceLoadProgress } from '../sources/data-source'
import { isTraceFileError } from './trace-files'

const jaeger = JSON.stringify({ data: [JSON.parse(smallText) as unknown] })
const file = (text: string, name = 'trace.json') => new File([text], name, { type: 'application/json' })
const failure = (p: Promise<unknown>) => p.then(() => { throw new Error('expected a failure') }, (e: unknown) => e)

describe('trace files, a source like any other', () => {
  it('a file’s trace comes through the same door as any trace (traceQueries.detail), with its progress, under the files source', async () => {
    const client = createQueryClient()
    const source = createConsoleApiSource()
    let started: string[] = []
    const read = await client.traces.files.open(file(jaeger), { onStage: () => undefined, onStart: (s) => (started = s.ids) })
    expect(started).toEqual(read.ids)
    const options = traceQueries.detail(source, read.ids[0])
    expect(options.queryKey).toEqual(['traces', 'files', 'detail', read.ids[0]])
    const heard: TraceLoadProgress[] = []
    client.traces.progress.subscribe(() => {
      const p = client.traces.progress.get(options.queryKey)
      if (p) heard.push(p)
    })
    const trace = await client.fetchQuery(options)
    expect(trace).toBe(read.traces[0])
    expect(heard.at(-1)?.spans).toBe(trace.spans.length)
  })

  it('says in plain words that a file’s trace is no longer loaded (after a reload), and that a file cannot be read', async () => {
    const client = createQueryClient()
    const gone = await failure(client.fetchQuery(traceQueries.detail(createConsoleApiSource(), 'file-0000beef')))
    expect(isTraceFileError(gone) && gone.kind).toBe('gone')
    const bad = await failure(client.traces.files.open(file('{"data": 3}', 'bad.json'), { onStage: () => undefined }))
    expect(isTraceFileError(bad) && bad.kind).toBe('unreadable')
    expect(bad instanceof Error && bad.message).toMatch(/^"bad.json": This JSON is not a trace/)
  })

  it('keeps the last three files: a fourth lets the first go', async () => {
    const client = createQueryClient()
    const source = createConsoleApiSource()
    const doc = JSON.parse(jaeger) as { data: { traceID: string; spans: { traceID: string }[] }[] }
    const variant = (n: number) => {
      const d = structuredClone(doc)
      for (const t of d.data) {
        t.traceID = `${t.traceID}${n}`
        for (const s of t.spans) s.traceID = t.traceID
      }
      return JSON.stringify(d)
    }
    const ids: string[] = []
    for (let n = 0; n < 4; n++) ids.push((await client.traces.files.open(file(variant(n)), { onStage: () => undefined })).ids[0])
    expect(new Set(ids).size).toBe(4)
    const first = await failure(client.traces.files.getTrace(ids[0]))
    expect(isTraceFileError(first) && first.kind).toBe('gone')
    await expect(client.fetchQuery(traceQueries.detail(source, ids[3]))).resolves.toMatchObject({ spans: expect.any(Array) as unknown })
  })

  it('belongs to its client: another client does not know the files opened in the first', async () => {
    const a = createQueryClient()
    const read = await a.traces.files.open(file(jaeger), { onStage: () => undefined })
    const b = createQueryClient()
    const e = await failure(b.fetchQuery(traceQueries.detail(createConsoleApiSource(), read.ids[0])))
    expect(isTraceFileError(e) && e.kind).toBe('gone')
  })
})
