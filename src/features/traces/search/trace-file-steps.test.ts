import { describe, expect, it } from 'vitest'
import { fileTraceId } from '../../../api/formats/trace-file'
import { isFormatError } from '../../../api/formats/format-error'
import type { Span, Trace } from '../../../domain/model'
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
    const r = await readAndParse(new File([JSON.stringify(console1)], 'one.json'), (s) => stages.push(s))
    expect(stages).toEqual(['reading', 'parsing', 'building'])
    expect(r.format).toBe('console')
    expect(r.ids).toEqual([fileTraceId(r.traces[0])])
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
    const blocks = messages.filter((m) => m.type === 'lines')
    // head + 3 blocks for the first trace, head + 1 for the second
    expect(blocks).toHaveLength(6)
    for (const b of blocks) if (b.type === 'lines') expect(b.block.split('\n').length).toBeLessThanOrEqual(HAND_OVER_LINES)
    const receiver = new HandOverReceiver()
    let result: ReadTraceFile | null = null
    for (const m of messages) if (m.type === 'lines' || m.type === 'done') result = receiver.take(m)
    expect(result).toEqual(file)
  })

  it('refuses a hand-over that lost a block, rather than showing part of a trace', () => {
    const messages: ReaderResponse[] = []
    handOver(file, (m) => messages.push(m))
    const receiver = new HandOverReceiver()
    const lost = messages.filter((_, i) => i !== 2)
    expect(() => {
      for (const m of lost) if (m.type === 'lines' || m.type === 'done') receiver.take(m)
    }).toThrow('the answer ended after 2005 of the 4005 spans it announced')
  })
})

