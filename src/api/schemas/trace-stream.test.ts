import { describe, expect, it } from 'vitest'
import type { TraceWire } from './trace'
import { TraceStreamError, TraceStreamReader, writeTraceStream } from './trace-stream'
import { HandOverReceiver } from '../trace-loading/files/trace-file-steps'
import { packSpans } from '../trace-loading/packed-spans'

const span = (i: number) => ({
  traceId: 't1', spanId: `s${i}`, parentSpanId: i === 0 ? null : 's0', name: 'op', kind: 'server' as const, service: 'svc',
  startTime: 1000 + i, duration: 5, status: 'ok' as const, resource: { DC: 'dc-east' }, tags: { IsError: 0, note: 'a\nb' },
  events: [{ time: 1001, name: 'log', attributes: { message: 'line one\nline two' } }], metrics: {},
})
const trace: TraceWire = {
  traceId: 't1',
  spans: [0, 1, 2].map(span),
  sampling: { mode: 'posttrace', rate: 0.01, triggerSpanId: 's2', triggerTime: 1002 },
  warnings: ['DC dc-west did not answer'],
}

/** Reads a streamed body the way the client does: line by line, numbered from 1. */
function read(body: string): TraceWire {
  const r = new TraceStreamReader()
  body.split('\n').forEach((l, i) => r.line(l, i + 1))
  return r.finish()
}
function refusal(body: string): TraceStreamError {
  try {
    read(body)
  } catch (e) {
    if (e instanceof TraceStreamError) return e
    throw e
  }
  throw new Error('expected the stream to be refused')
}
const lines = () => writeTraceStream(trace).split('\n')

/**
 * A stream's lines as the page sees them: read and checked (the reader worker's side), each span
 * handed over as it came, and the page's progress with its first rows (HandOverReceiver).
 */
function arriving() {
  const reader = new TraceStreamReader()
  const page = new HandOverReceiver()
  let started = false
  let read = 0
  let numbered = 0
  return {
    lines(ls: string[]) {
      ls.forEach((x) => reader.line(x, ++numbered))
      const head = reader.arrivedHead()
      if (!head) return
      if (!started) {
        started = true
        page.take({ type: 'start', format: 'console', ids: [head.traceId], warnings: [] })
        page.take({ type: 'head', trace: 0, head })
      }
      const spans = reader.arrivedSpans()
      if (spans.length > read) page.take({ type: 'spans', trace: 0, block: packSpans(spans.slice(read)) })
      read = spans.length
    },
    progress: () => page.progress(0),
  }
}

describe('the streamed trace', () => {
  it('reads back exactly the trace written, one line per span (newlines inside values stay escaped)', () => {
    expect(lines()).toHaveLength(1 + 3 + 1)
    expect(read(writeTraceStream(trace))).toEqual(trace)
    expect(read(writeTraceStream({ ...trace, spans: [] }))).toEqual({ ...trace, spans: [] })
  })

  it('refuses a bad span naming its line and field', () => {
    const l = lines()
    l[2] = l[2].replace('"duration":5', '"duration":-1')
    const e = refusal(l.join('\n'))
    expect(e.message).toBe('line 3: expected a number ≥ 0')
    expect(e.path).toEqual(['spans', 1, 'duration'])
  })

  it('refuses a head without sampling, a line that is not JSON, and spans beyond the count announced', () => {
    const l = lines()
    expect(refusal([l[0].replace('"sampling"', '"sampled"'), ...l.slice(1)].join('\n')).path).toEqual(['sampling'])
    expect(refusal([...l.slice(0, 2), '{"spanId": ', ...l.slice(2)].join('\n')).message).toBe('line 3: not JSON')
    expect(refusal([...l.slice(0, 4), l[3], ''].join('\n')).message).toBe('line 5: more spans than the 3 announced')
  })

  it('reads blocks of lines as they arrive, and still names the bad line inside a block', () => {
    const l = lines()
    const r = new TraceStreamReader()
    r.lines(l.slice(0, 2).join('\n'), 1)
    r.lines(['', ...l.slice(2, 4)].join('\n'), 3)
    expect(r.finish()).toEqual(trace)
    const bad = new TraceStreamReader()
    bad.lines(l[0], 1)
    const block = [l[1], l[2].replace('"kind":"server"', '"kind":"sideways"'), l[3]].join('\n')
    expect(() => bad.lines(block, 2)).toThrow('line 3: invalid span kind')
  })

  it('says so when the answer ends early or is empty, instead of showing part of a trace as whole', () => {
    expect(refusal(lines().slice(0, 3).join('\n')).message).toBe('the answer ended after 2 of the 3 spans it announced')
    expect(refusal('\n\n').message).toBe('the answer is empty')
  })

  it('writes the spans in the order the tree shows them, with the extent, so the reader can show the first rows early', () => {
    // spans as a backend may store them: children before parents, siblings out of order
    const mk = (id: string, parent: string | null, start: number, duration: number) => ({ ...span(0), spanId: id, parentSpanId: parent, startTime: start, duration })
    const stored: TraceWire = {
      ...trace,
      sampling: { mode: 'probability', rate: 0.01, triggerSpanId: null, triggerTime: null },
      spans: [mk('c', 'a', 30, 5), mk('d', 'b', 11, 2), mk('a', null, 0, 100), mk('b', 'a', 10, 5)],
    }
    const l = writeTraceStream(stored).split('\n')
    expect(JSON.parse(l[0])).toMatchObject({ order: 'depth-first', extent: { start: 0, end: 100 }, spanCount: 4 })
    expect(l.slice(1, 5).map((x) => (JSON.parse(x) as { spanId: string }).spanId)).toEqual(['a', 'b', 'd', 'c'])

    const r = arriving()
    r.lines(l.slice(0, 3))
    // a and b have come; b's children may still be on the way, so only a is settled
    expect(r.progress()?.preview?.rows.map((x) => x.span.spanId)).toEqual(['a'])
    r.lines(l.slice(3))
    const p = r.progress()
    expect(p?.preview?.rows.map((x) => [x.span.spanId, x.depth])).toEqual([['a', 0], ['b', 1], ['d', 2], ['c', 1]])
    expect([p?.preview?.start, p?.preview?.end]).toEqual([0, 100])
  })

  it('has no preview without the promise of order, and refuses a head whose order or extent is unreadable', () => {
    const r = arriving()
    const head = JSON.parse(lines()[0]) as Record<string, unknown>
    r.lines([JSON.stringify({ ...head, sampling: { mode: 'probability', rate: 0.01, triggerSpanId: null, triggerTime: null }, order: undefined }), lines()[1]])
    expect(r.progress()).toEqual({ spans: 1, total: 3, traceId: head.traceId, preview: null })
    expect(refusal([JSON.stringify({ ...head, order: 'breadth-first' }), ...lines().slice(1)].join('\n')).path).toEqual(['order'])
    expect(refusal([JSON.stringify({ ...head, extent: { start: 10, end: 5 } }), ...lines().slice(1)].join('\n')).message).toBe(
      'line 1: expected {start, end}, numbers with end ≥ start',
    )
  })
})
