import { describe, expect, it } from 'vitest'
import { FormatError } from './format-error'
import { traceToJaeger } from './jaeger'
import { traceToOtlp } from './otlp'
import { checkTraceFileSize, fileTraceId, parseTraceFile } from './trace-file'
import smallText from './fixtures/trace-small.json?raw'
import dependenciesText from './fixtures/dependencies-small.json?raw'
import { sampleTrace } from './sample-trace.test-util'

function failure(text: string, name = 'trace.json'): FormatError {
  try {
    parseTraceFile(text, name)
  } catch (e) {
    if (e instanceof FormatError) return e
    throw new Error(`expected a FormatError, got ${String(e)}`, { cause: e })
  }
  throw new Error('expected the file to be rejected')
}

describe('parseTraceFile', () => {
  it('detects Jaeger JSON, bare and wrapped', () => {
    expect(parseTraceFile(smallText, 'a.json')).toMatchObject({ format: 'jaeger', warnings: [] })
    const wrapped = parseTraceFile(JSON.stringify({ data: [traceToJaeger(sampleTrace())] }), 'b.json')
    expect(wrapped.format).toBe('jaeger')
    expect(wrapped.traces[0]).toEqual(sampleTrace())
  })

  it('detects OTLP JSON and the console\'s own {"trace": ...} download', () => {
    expect(parseTraceFile(JSON.stringify(traceToOtlp(sampleTrace())), 'o.json')).toMatchObject({ format: 'otlp', traces: [sampleTrace()] })
    expect(parseTraceFile(JSON.stringify({ trace: sampleTrace() }), 't.json')).toMatchObject({ format: 'console', traces: [sampleTrace()] })
  })

  it('returns every trace of a file holding several, skipping empty ones with a warning', () => {
    const other = { ...sampleTrace(), traceId: 'other', spans: sampleTrace().spans.map((s) => ({ ...s, traceId: 'other' })) }
    const parsed = parseTraceFile(JSON.stringify({ data: [traceToJaeger(sampleTrace()), traceToJaeger(other), { traceID: 'x', spans: [] }] }), 'm.json')
    expect(parsed.traces.map((t) => t.traceId)).toEqual([sampleTrace().traceId, 'other'])
    expect(parsed.warnings[0]).toMatch(/1 empty trace/)
  })

  it.each([
    ['', 'empty', /"x.json" is empty/],
    ['   \n', 'empty', /blank/],
    ['{"traceID": "a", "spans": [', 'not-json', /"x.json" is not JSON/],
    ['<html>hello</html>', 'not-json', /not JSON/],
    ['{"hello": 1}', 'unknown-format', /not a trace file.*"hello"/],
    ['[1, 2]', 'unknown-format', /a list of 2 item/],
    [dependenciesText, 'unknown-format', /dependencies file/],
    ['{"data": []}', 'no-spans', /valid Jaeger JSON file but holds no spans/],
    ['{"resourceSpans": []}', 'no-spans', /OTLP JSON file but holds no spans/],
    ['{"trace": {"traceId": "a", "spans": [], "sampling": {"mode": "nope"}}}', 'invalid', /"trace.sampling.mode"/],
    ['{"traceID": "a", "spans": [{"spanID": "s"}]}', 'invalid', /"spans\[0\]\.traceID"/],
  ])('rejects %j as %s with a plain message', (text, kind, message) => {
    const e = failure(text, 'x.json')
    expect(e.kind).toBe(kind)
    expect(e.message).toMatch(message)
    expect(e.message).toContain('x.json')
  })

  it('refuses files over the size limit before reading them', () => {
    expect(() => checkTraceFileSize(400 * 1024 * 1024, 'huge.json')).toThrow(/400 MB/)
    expect(() => checkTraceFileSize(0, 'e.json')).toThrow(/empty/)
    expect(() => checkTraceFileSize(1024, 'ok.json')).not.toThrow()
  })
})

describe('fileTraceId', () => {
  it('is the same for the same trace whatever the span order or format, different for another trace', () => {
    const t = sampleTrace()
    const reversed = { ...t, spans: [...t.spans].reverse() }
    expect(fileTraceId(t)).toMatch(/^file-[0-9a-f]{8}$/)
    expect(fileTraceId(reversed)).toBe(fileTraceId(t))
    expect(fileTraceId({ ...t, spans: t.spans.slice(1) })).not.toBe(fileTraceId(t))
  })
})

describe('large files', () => {
  it('parses a 100k-span Jaeger file in a few seconds at most', () => {
    const spans = Array.from({ length: 100_000 }, (_, i) => ({
      traceID: 't', spanID: `s${i}`, operationName: `op${i % 50}`, references: i === 0 ? [] : [{ refType: 'CHILD_OF', traceID: 't', spanID: `s${Math.floor((i - 1) / 4)}` }],
      startTime: 1_700_000_000_000_000 + i, duration: 10, processID: `p${i % 20}`, logs: [], warnings: null,
      tags: [{ key: 'span.kind', type: 'string', value: 'client' }, { key: 'StatusCode', type: 'int64', value: 0 }, { key: 'DC', type: 'string', value: 'dc-east' }],
    }))
    const processes = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`p${i}`, { serviceName: `svc-${i}`, tags: [] }]))
    const text = JSON.stringify({ data: [{ traceID: 't', spans, processes }] })
    const t0 = performance.now()
    const parsed = parseTraceFile(text, 'big.json')
    const ms = performance.now() - t0
    expect(parsed.traces[0].spans).toHaveLength(100_000)
    expect(ms).toBeLessThan(8_000)
  })
})
