import { describe, expect, it } from 'vitest'
import { fileDigest, fileTraceId } from '../../formats/trace-file'
import { isFormatError } from '../../formats/format-error'
import type { Span, Trace } from '../../../domain/model'
import { buildTraceTree } from '../../../domain/trace/tree'
import { PREVIEW_ROWS } from '../../schemas/trace-stream'
import { FIRST_BLOCK, HAND_OVER_LINES, HandOverReceiver, handOver, readAndParse } from './trace-file-steps'
import type { HandOverMessage, ReadStage, ReadTraceFile } from './trace-file-steps'
import { criticalPath } from '../../../domain/trace/timing'

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

  it('says a file the browser reads as no text was too long to read, not that it is empty', async () => {
    // Chromium's Blob.text() resolves to "" for a file longer than its longest string (a 745 MB
    // Jaeger file did); this file stands in for one, as reading 745 MB in a test would
    class OverLong extends File {
      override text(): Promise<string> {
        return Promise.resolve('')
      }
    }
    const stages: ReadStage[] = []
    const err: unknown = await readAndParse(new OverLong([JSON.stringify(console1)], 'huge.json'), (s) => stages.push(s)).catch((e: unknown) => e)
    expect(isFormatError(err) && err.kind).toBe('too-big')
    expect(isFormatError(err) && err.message).toMatch(/"huge.json" is .* MB, more than this browser can read as one piece of text/)
    expect(stages).toEqual(['reading'])
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

  it('arrives whole, its spans in packed blocks of at most HAND_OVER_LINES, each trace with the tree the reader built', () => {
    const messages: HandOverMessage[] = []
    handOver(file, (m) => messages.push(m))
    // what the file holds comes first, so the page can open the trace before its spans come
    expect(messages[0]).toEqual({ type: 'start', format: 'jaeger', ids: ['file-a', 'file-b'], warnings: ['w'] })
    expect(messages.map((m) => m.type)).toEqual(['start', 'head', 'spans', 'tree', 'spans', 'spans', 'head', 'spans', 'tree', 'done'])
    for (const b of messages) if (b.type === 'spans') expect(b.block.count).toBeLessThanOrEqual(HAND_OVER_LINES)
    const receiver = new HandOverReceiver()
    let result: ReadTraceFile | null = null
    for (const m of messages) result = receiver.take(m)
    expect(result?.traces).toEqual(file.traces)
    // the tree the page gets is the one it would have built, node for node
    file.traces.forEach((t, i) => {
      const built = buildTraceTree(t)
      const got = result?.trees?.[i]
      expect(got?.nodes.map((n) => [n.key, n.depth, n.parent, n.start, n.subtreeSize, n.isError, n.errorsBelow])).toEqual(
        built.nodes.map((n) => [n.key, n.depth, n.parent, n.start, n.subtreeSize, n.isError, n.errorsBelow]),
      )
      expect(got?.nodes.every((n, k) => n.span === result?.traces[i].spans.find((s) => s.spanId === built.nodes[k].span?.spanId))).toBe(true)
      expect({ ...got, nodes: null, byKey: null, critical: null }).toEqual({ ...built, nodes: null, byKey: null, critical: null })
      expect(got?.byKey.get('s1')).toBe(built.byKey.get('s1'))
      expect(got?.critical).toEqual(criticalPath(built))
    })
  })

  it('keeps odd trees as the page would build them: duplicate ids, lost parents, PostTrace placeholders', () => {
    const odd = trace('d', 40)
    odd.spans[5] = { ...odd.spans[5], spanId: 's3' }
    odd.spans[7] = { ...odd.spans[7], parentSpanId: 'gone' }
    odd.sampling = { mode: 'posttrace', rate: 1, triggerSpanId: 's9', triggerTime: odd.spans[9].startTime }
    const messages: HandOverMessage[] = []
    handOver({ format: 'otlp', traces: [odd], ids: ['file-d'], warnings: [] }, (m) => messages.push(m))
    const receiver = new HandOverReceiver()
    let result: ReadTraceFile | null = null
    for (const m of messages) result = receiver.take(m)
    const built = buildTraceTree(odd)
    const got = result?.trees?.[0]
    expect(got?.nodes.map((n) => [n.key, n.kind, n.depth, n.start, n.duration, n.isDuplicate, n.isTrigger])).toEqual(
      built.nodes.map((n) => [n.key, n.kind, n.depth, n.start, n.duration, n.isDuplicate, n.isTrigger]),
    )
    expect(got?.warnings).toEqual(built.warnings)
    for (const n of built.nodes) expect(got?.byKey.get(n.key)).toBe(n.index)
  })

  it('refuses a hand-over that lost a block, rather than showing part of a trace', () => {
    const messages: HandOverMessage[] = []
    handOver(file, (m) => messages.push(m))
    const receiver = new HandOverReceiver()
    const lost = messages.filter((_, i) => i !== 5)
    expect(() => {
      for (const m of lost) receiver.take(m)
    }).toThrow('2240 of the trace\'s 4005 spans came')
    // nor spans before the file's contents were named
    expect(() => new HandOverReceiver().take(messages[1])).toThrow(/before what it holds/)
  })

  it('hands a file of one trace over in the tree’s order, so its first rows show from the first block', () => {
    // children of the root given newest first: the tree shows them oldest first
    const lone = trace('c', HAND_OVER_LINES + 10)
    lone.spans = [lone.spans[0], ...lone.spans.slice(1).reverse()]
    const messages: HandOverMessage[] = []
    handOver({ format: 'otlp', traces: [lone], ids: ['file-c'], warnings: [] }, (m) => messages.push(m))
    const receiver = new HandOverReceiver()
    for (const m of messages.slice(0, 3)) receiver.take(m)
    const early = receiver.progress(0)
    // the first block is a small one: the first rows do not wait for 2,000 spans
    expect(early).toMatchObject({ spans: FIRST_BLOCK, total: HAND_OVER_LINES + 10 })
    expect(FIRST_BLOCK).toBeGreaterThanOrEqual(PREVIEW_ROWS)
    const tree = buildTraceTree(lone)
    expect(early?.preview?.rows.map((r) => r.span.spanId)).toEqual(tree.nodes.slice(0, PREVIEW_ROWS).map((n) => n.key))
    expect([early?.preview?.start, early?.preview?.end]).toEqual([tree.start, tree.end])
    let result: ReadTraceFile | null = null
    for (const m of messages.slice(3)) result = receiver.take(m)
    expect(buildTraceTree(result?.traces[0] ?? lone).nodes.map((n) => n.key)).toEqual(tree.nodes.map((n) => n.key))
    expect(result?.trees?.[0]?.nodes.map((n) => n.key)).toEqual(tree.nodes.map((n) => n.key))
  })

  it('hands several traces over as they came (no tree order is worked out for a file that asks which trace to open)', () => {
    const messages: HandOverMessage[] = []
    handOver(file, (m) => messages.push(m))
    const heads = messages.flatMap((m) => (m.type === 'head' ? [m.head] : []))
    expect(heads.map((h) => h.order)).toEqual([undefined, undefined])
  })
})

