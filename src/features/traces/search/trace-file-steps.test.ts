import { describe, expect, it } from 'vitest'
import { fileTraceId } from '../../../api/formats/trace-file'
import { isFormatError } from '../../../api/formats/format-error'
import { readAndParse } from './trace-file-steps'
import type { ReadStage } from './trace-file-steps'

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
