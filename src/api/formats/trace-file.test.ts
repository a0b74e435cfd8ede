import { describe, expect, it } from 'vitest'
import { FormatError, isFormatError } from './format-error'
import { traceToJaeger } from './jaeger'
import { traceToOtlp } from './otlp'
import { checkReadText, checkTraceFileSize, fileDigest, fileTraceId, parseTraceFile } from './trace-file'
import smallText from './fixtures/trace-small.json?raw'
import dependenciesText from './fixtures/dependencies-small.json?raw'
import { sampleTrace } from './sample-trace.test-util'
import type { Span, Trace } from '../../domain/model'

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
    ['an empty file', '', 'empty', /"x.json" is empty/],
    ['blank space', '   \n', 'empty', /blank/],
    ['cut-off JSON', '{"traceID": "a", "spans": [', 'not-json', /"x.json" is not JSON/],
    ['HTML', '<html>hello</html>', 'not-json', /not JSON/],
    ['unrelated JSON', '{"hello": 1}', 'unknown-format', /not a trace file.*"hello"/],
    ['a list of numbers', '[1, 2]', 'unknown-format', /a list of 2 item/],
    ['a Jaeger dependencies file', dependenciesText, 'unknown-format', /dependencies file/],
    ['Jaeger JSON without traces', '{"data": []}', 'no-spans', /valid Jaeger JSON file but holds no spans/],
    ['OTLP JSON without spans', '{"resourceSpans": []}', 'no-spans', /OTLP JSON file but holds no spans/],
    ['a console file with a bad sampling mode', '{"trace": {"traceId": "a", "spans": [], "sampling": {"mode": "nope"}}}', 'invalid', /"trace.sampling.mode"/],
    ['a Jaeger span without traceID', '{"traceID": "a", "spans": [{"spanID": "s"}]}', 'invalid', /lacks the field "spans\[0\]\.traceID" \(expected string\)/],
  ])('rejects %s with a plain message', (_case, text, kind, message) => {
    const e = failure(text, 'x.json')
    expect(e.kind).toBe(kind)
    expect(e.message).toMatch(message)
    expect(e.message).toContain('x.json')
  })

  it('refuses files over the size limit before reading them', () => {
    expect(() => checkTraceFileSize(400 * 1024 * 1024, 'huge.json')).toThrow(/400 MB/)
    // the message names the limit, in bytes and in spans, so the user knows what would open
    expect(() => checkTraceFileSize(745 * 1024 * 1024, 'huge.json')).toThrow(/"huge.json" is 745 MB; the console opens trace files up to 300 MB \(a trace of about 400,000 spans/)
    expect(() => checkTraceFileSize(300 * 1024 * 1024, 'edge.json')).not.toThrow()
    expect(() => checkTraceFileSize(300 * 1024 * 1024 + 1, 'edge.json')).toThrow(/up to 300 MB/)
    expect(() => checkTraceFileSize(0, 'e.json')).toThrow(/empty/)
    expect(() => checkTraceFileSize(1024, 'ok.json')).not.toThrow()
  })

  it('says a file the browser read as no text at all was too long for one string, not that it is empty', () => {
    // Chromium's Blob.text() gives "" for a file longer than its longest string (measured at 745 MB)
    let err: unknown = null
    try {
      checkReadText('', 745 * 1024 * 1024, 'huge.json')
    } catch (e) {
      err = e
    }
    expect(isFormatError(err) && err.kind).toBe('too-big')
    expect(isFormatError(err) && err.message).toMatch(/"huge.json" is 745 MB, more than this browser can read as one piece of text/)
    // a byte-order mark alone reads as nothing, and is just an empty file
    expect(() => checkReadText('', 3, 'bom.json')).not.toThrow()
    expect(() => checkReadText('{}', 745 * 1024 * 1024, 'ok.json')).not.toThrow()
  })
})

describe('async links and PostTrace triggers survive export and import', () => {
  const withAsync = (): Trace => {
    const t = sampleTrace()
    const root = t.spans[0]
    const consumer: Span = { ...root, spanId: '00f067aa0ba902c9', parentSpanId: root.spanId, name: 'consume order.created', kind: 'consumer', startTime: root.startTime + 400_000, duration: 3_000, status: 'error', parentRelation: 'follows_from' }
    return { ...t, spans: [...t.spans, consumer], sampling: { ...t.sampling, triggerReason: 'latency', triggerThreshold: 13_800 } }
  }

  it('keeps a FOLLOWS_FROM parent as follows_from, and CHILD_OF parents without a relation', () => {
    for (const text of [JSON.stringify({ data: [traceToJaeger(withAsync())] }), JSON.stringify(traceToOtlp(withAsync()))]) {
      const [t] = parseTraceFile(text, 'x.json').traces
      const consumer = t.spans.find((s) => s.spanId === '00f067aa0ba902c9')
      expect(consumer).toMatchObject({ parentSpanId: '00f067aa0ba902b1', parentRelation: 'follows_from' })
      expect(t.spans.filter((s) => s.parentRelation !== undefined)).toHaveLength(1)
      expect(t.sampling).toMatchObject({ triggerReason: 'latency', triggerThreshold: 13_800 })
    }
  })

  it('reads a consumer linked (not parented) to its producer as following from it', () => {
    const otlp = traceToOtlp(withAsync())
    const spans = otlp.resourceSpans.flatMap((r) => (r.scopeSpans ?? []).flatMap((ss) => ss.spans ?? []))
    const consumer = spans.find((s) => s.spanId === '00f067aa0ba902c9')
    if (!consumer) throw new Error('consumer not exported')
    delete consumer.parentSpanId
    const [t] = parseTraceFile(JSON.stringify(otlp), 'l.json').traces
    expect(t.spans.find((s) => s.spanId === '00f067aa0ba902c9')).toMatchObject({ parentSpanId: '00f067aa0ba902b1', parentRelation: 'follows_from' })
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
  it('reads every span and parent link of a 20k-span Jaeger file', () => {
    const spans = Array.from({ length: 20_000 }, (_, i) => ({
      traceID: 't', spanID: `s${i}`, operationName: `op${i % 50}`, references: i === 0 ? [] : [{ refType: 'CHILD_OF', traceID: 't', spanID: `s${Math.floor((i - 1) / 4)}` }],
      startTime: 1_700_000_000_000_000 + i, duration: 10, processID: `p${i % 20}`, logs: [], warnings: null,
      tags: [{ key: 'span.kind', type: 'string', value: 'client' }, { key: 'StatusCode', type: 'int64', value: 0 }, { key: 'DC', type: 'string', value: 'dc-east' }],
    }))
    const processes = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`p${i}`, { serviceName: `svc-${i}`, tags: [] }]))
    const text = JSON.stringify({ data: [{ traceID: 't', spans, processes }] })
    const spansRead = parseTraceFile(text, 'big.json').traces[0].spans
    expect(spansRead).toHaveLength(20_000)
    expect(spansRead[19_999]).toMatchObject({ parentSpanId: 's4999', service: 'svc-19', kind: 'client', tags: { DC: 'dc-east', StatusCode: 0 } })
  })
})

describe('the e2e fixture files', () => {
  it('give the same trace from Jaeger JSON and from OTLP JSON written with OpenTelemetry names', async () => {
    const jaeger = (await import('../../../e2e/fixtures/checkout-trace.jaeger.json?raw')).default
    const otlp = (await import('../../../e2e/fixtures/checkout-trace.otlp.json?raw')).default
    const a = parseTraceFile(jaeger, 'a.json').traces[0]
    const b = parseTraceFile(otlp, 'b.json').traces[0]
    const byId = (t: typeof a) => [...t.spans].sort((x, y) => (x.spanId < y.spanId ? -1 : 1))
    expect(byId(b)).toEqual(byId(a))
    expect(b.sampling).toEqual(a.sampling)
    expect(fileTraceId(a)).toBe(fileTraceId(b))
  })
})

describe('fileTraceId keyed by content', () => {
  it('changes when the file is edited anywhere, even with the same span ids and timings', async () => {
    const t = sampleTrace()
    const before = new Blob([JSON.stringify({ name: 'GET /a' })])
    const after = new Blob([JSON.stringify({ name: 'GET /b' })])
    expect(fileTraceId(t, await fileDigest(before))).not.toBe(fileTraceId(t, await fileDigest(after)))
    expect(fileTraceId(t, await fileDigest(before))).toBe(fileTraceId(t, await fileDigest(new Blob([JSON.stringify({ name: 'GET /a' })]))))
  })

  it('tells apart files longer than one hashed piece that differ only at their first or last byte', async () => {
    const size = 9 * 1024 * 1024 + 3
    const bytes = (edit: number | null) => {
      const b = new Uint8Array(size).fill(0x20)
      if (edit !== null) b[edit] = 0x21
      return new Blob([b])
    }
    const plain = await fileDigest(bytes(null))
    expect(await fileDigest(bytes(null))).toBe(plain)
    expect(await fileDigest(bytes(0))).not.toBe(plain)
    expect(await fileDigest(bytes(size - 1))).not.toBe(plain)
    expect(await fileDigest(bytes(size - 1))).not.toBe(await fileDigest(bytes(0)))
  })

  it('gives an empty file a digest', async () => {
    expect(await fileDigest(new Blob([]))).toMatch(/^([0-9a-f]{64}|fnv-[0-9a-f]+-0)$/)
  })
})
