import { describe, expect, it } from 'vitest'
import { fileDigest, fileTraceId } from '../../formats/trace-file'
import { isFormatError } from '../../formats/format-error'
import type { Span, Trace } from '../../../domain/model'
import { buildTraceTree } from '../../../domain/trace/tree'
import { PREVIEW_ROWS } from '../../schemas/trace-stream'
import { HAND_OVER_LINES, HandOverReceiver, handOver, readAndParse } from './trace-file-steps'
import type { ReadStage, ReaderResponse, ReadTraceFile } from './trace-file-steps'

const console1 = {
  trace: {
    traceId: 'abc',
    warnings: [],
    sampling: { mode: 'probability', rate: 0.5, triggerSpanId: null, triggerTime: null },
    spans: [
      {
        traceId: 'abc', spanId: 's1', parentSpanId: null, name: 'GET /', kind: 'server', service: 'gw',
        startTime: 1_700_000_000_000_000, duration: 1000, status: 'ok', resource: {}, tags: {}, events: [], metrics: {},
      },
    ],
  },
}

describe('reading a trace file', () => {
  it('reports reading, parsing and building in order and returns each trace with its cache id', async () => {
    const stages: ReadStage[] = []
    const file = new File([JSON.stringify(console1)], 'one.json')
    const r = await readAndParse(file, (s) => stages.push(s))
    expect(stages).toEqual(['reading', 'parsing', 'building'])
    expect(r.format).toBe('console')
    expect(r.ids).toEqual([fileTraceId(r.traces[0], await fileDigest(file))])
  })

  it('rejects a bad file with a plain-words message naming the file, after the stage it failed in', async () => {
    const stages: ReadStage[] = []
    const err: unknown = await readAndParse(new File(['{"data": [{"traceID": 1'], 'broken.json'), (s) => stages.push(s)).catch((e: unknown) => e)
    expect(isFormatError(err) && err.message).toMatch(/"broken.json" is not JSON/)
    expect(stages).toEqual(['reading', 'parsing'])
  })

  it('rejects an empty file before reading it', async () => {
    const err: unknown = await readAndParse(new File([], 'empty.json'), () => undefined).catch((e: unknown) => e)
    expect(isFormatError(err) && err.kind).toBe('empty')
  })
})

describe('handing a read file to the page', () => {
  const span = (t: string, i: number): Span => ({
    traceId: t, spanId: `s${i}`, parentSpanId: i === 0 ? null : 's0', name: 'op', kind: 'server', service: `svc-${i % 7}`,
    startTime: 1_700_000_000_000_000 + i, duration: 10, status: i % 50 === 0 ? 'error' : 'ok', resource: { DC: 'dc-east' },
    tags: { IsError: 0, note: '<b>not html</b>' }, events: [], metrics: { size: i },
  })
  const trace = (id: string, n: number): Trace => ({
    traceId: id, spans: Array.from({ length: n }, (_, i) => span(id, i)),
    sampling: { mode: 'probability', rate: 0.5, triggerSpanId: null, triggerTime: null }, warnings: [`${id} warns`],
  })
  const file: ReadTraceFile = { format: 'jaeger', traces: [trace('a', HAND_OVER_LINES * 2 + 5), trace('b', 1)], ids: ['file-a', 'file-b'], warnings: ['w'] }

  it('arrives whole, in blocks small enough to parse in a short task each', () => {
    const messages: ReaderResponse[] = []
    handOver(file, (m) => messages.push(m))
    // what the file holds comes first, so the page can open the trace before its spans come
    expect(messages[0]).toEqual({ type: 'start', format: 'jaeger', ids: ['file-a', 'file-b'], warnings: ['w'] })
    const blocks = messages.filter((m) => m.type === 'lines')
    // head + 3 blocks for the first trace, head + 1 for the second
    expect(blocks).toHaveLength(6)
    for (const b of blocks) if (b.type === 'lines') expect(b.block.split('\n').length).toBeLessThanOrEqual(HAND_OVER_LINES)
    const receiver = new HandOverReceiver()
    let result: ReadTraceFile | null = null
    for (const m of messages) if (m.type !== 'progress' && m.type !== 'error') result = receiver.take(m)
    expect(result).toEqual(file)
  })

  it('refuses a hand-over that lost a block, rather than showing part of a trace', () => {
    const messages: ReaderResponse[] = []
    handOver(file, (m) => messages.push(m))
    const receiver = new HandOverReceiver()
    const lost = messages.filter((_, i) => i !== 3)
    expect(() => {
      for (const m of lost) if (m.type !== 'progress' && m.type !== 'error') receiver.take(m)
    }).toThrow('the answer ended after 2005 of the 4005 spans it announced')
    // nor spans before the file's contents were named
    expect(() => new HandOverReceiver().take(messages[1] as Extract<ReaderResponse, { type: 'lines' }>)).toThrow(/before what it holds/)
  })

  it('hands a file of one trace over in the tree’s order, so its first rows show from the first block', () => {
    // children of the root given newest first: the tree shows them oldest first
    const lone = trace('c', HAND_OVER_LINES + 10)
    lone.spans = [lone.spans[0], ...lone.spans.slice(1).reverse()]
    const messages: ReaderResponse[] = []
    handOver({ format: 'otlp', traces: [lone], ids: ['file-c'], warnings: [] }, (m) => messages.push(m))
    const receiver = new HandOverReceiver()
    receiver.take(messages[0] as Extract<ReaderResponse, { type: 'start' }>)
    receiver.take(messages[1] as Extract<ReaderResponse, { type: 'lines' }>)
    receiver.take(messages[2] as Extract<ReaderResponse, { type: 'lines' }>)
    const early = receiver.progress(0)
    expect(early).toMatchObject({ spans: HAND_OVER_LINES, total: HAND_OVER_LINES + 10 })
    const tree = buildTraceTree(lone)
    expect(early?.preview?.rows.map((r) => r.span.spanId)).toEqual(tree.nodes.slice(0, PREVIEW_ROWS).map((n) => n.key))
    expect([early?.preview?.start, early?.preview?.end]).toEqual([tree.start, tree.end])
    let result: ReadTraceFile | null = null
    for (const m of messages.slice(3)) if (m.type !== 'progress' && m.type !== 'error') result = receiver.take(m)
    expect(buildTraceTree(result?.traces[0] ?? lone).nodes.map((n) => n.key)).toEqual(tree.nodes.map((n) => n.key))
  })

  it('hands several traces over as they came (no tree order is worked out for a file that asks which trace to open)', () => {
    const messages: ReaderResponse[] = []
    handOver(file, (m) => messages.push(m))
    const heads = messages.filter((m) => m.type === 'lines' && m.firstLine === 1).map((m) => (m.type === 'lines' ? (JSON.parse(m.block) as { order?: string }) : null))
    expect(heads.map((h) => h?.order)).toEqual([undefined, undefined])
  })
})

