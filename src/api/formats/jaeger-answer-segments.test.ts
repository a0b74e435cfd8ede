import { describe, expect, it } from 'vitest'
import { JaegerAnswerSegments } from './jaeger-parts'
import { jaegerFile } from './jaeger-file.test-util'

type Obj = Record<string, unknown>

/** The answer fed to the segments `piece` characters at a time, as a network delivers it. */
function feed(text: string, piece: number, segmentChars: number) {
  const segments = new JaegerAnswerSegments(segmentChars)
  let at = 0
  for (; at + piece < text.length; at += piece) segments.push(text.slice(at, at + piece))
  return segments.end(text.slice(at))
}

/** What a whole parse gives: the one trace's fields (all but its spans) and its spans. */
function whole(text: string) {
  const { spans, ...fields } = (JSON.parse(text) as { data: Obj[] }).data[0]
  return { fields, spans }
}

describe('a Jaeger answer parsed in parts while it arrives', () => {
  it('gives exactly the fields and spans of a whole parse, whatever the pieces and the part size', () => {
    const text = JSON.stringify(jaegerFile(1500, { samplingOn: 1400, missingProcessOn: 1450 }))
    for (const [piece, segmentChars] of [
      [7, 5_000],
      [1000, 5_000],
      [65_536, 100_000],
      [333, 1],
    ]) {
      const read = feed(text, piece, segmentChars)
      expect(read, `pieces of ${piece}, parts of ${segmentChars}`).toEqual(whole(text))
    }
  })

  it('parses most of the answer before its end: all but the last part is parsed as it comes', () => {
    const text = JSON.stringify(jaegerFile(2000))
    const segments = new JaegerAnswerSegments(20_000)
    const cut = Math.floor(text.length * 0.9)
    segments.push(text.slice(0, cut))
    // every span whose text is in (but the last few, waiting for the next boundary)
    expect(segments.spanCount).toBeGreaterThan(1700)
    expect(segments.end(text.slice(cut))?.spans).toHaveLength(2000)
  })

  it('is never fooled by a nested list whose objects look like spans: the answer is read as a whole parse reads it, or left to one', () => {
    const answer = jaegerFile(40)
    const trace = (answer.data as Obj[])[0]
    const spans = trace.spans as Obj[]
    // tags that are valid tags and, key for key, valid spans, starting with the span's first key
    const lookalike = (i: number) => ({ traceID: 'a1b2c3d4e5f60718', spanID: `fake-${i}`, operationName: 'fake', startTime: 1, duration: 1, key: `k${i}`, type: 'string', value: 'v' })
    spans[3] = { ...spans[3], tags: Array.from({ length: 400 }, (_, i) => lookalike(i)) }
    spans[30] = { ...spans[30], logs: [{ timestamp: 1, fields: Array.from({ length: 200 }, (_, i) => lookalike(i)) }] }
    const text = JSON.stringify(answer)
    const truth = whole(text)
    for (const segmentChars of [200, 900, 5_000, 20_000]) {
      for (const piece of [64, 1500]) {
        const read = feed(text, piece, segmentChars)
        if (read !== null) expect(read).toEqual(truth)
      }
    }
  })

  it('leaves to a whole parse what it cannot cut or read: other shapes, bad JSON, bad spans, short answers', () => {
    const good = jaegerFile(300)
    const text = JSON.stringify(good)
    const trace = (good.data as Obj[])[0]
    const cases: Record<string, string> = {
      'an answer shorter than a part': text,
      'pretty-printed JSON': JSON.stringify(good, null, 2),
      'two traces': JSON.stringify({ data: [trace, { ...trace, traceID: 'ffff' }] }),
      'no trace': JSON.stringify({ data: [] }),
      'JSON broken in the middle': text.slice(0, text.length / 2) + '}}' + text.slice(text.length / 2 + 2),
      'a span with a bad field': JSON.stringify({ data: [{ ...trace, spans: (trace.spans as Obj[]).map((s, i) => (i === 150 ? { ...s, startTime: 'soon' } : s)) }] }),
      'cut off': text.slice(0, text.length - 40),
      'spans given twice, the second list winning in a whole parse': text.replace('"processes":', `"spans":[${JSON.stringify((trace.spans as Obj[])[0])}],"processes":`),
      'spans given twice, the second in a middle part': JSON.stringify({ data: [{ ...trace, spans: (trace.spans as Obj[]).slice(0, 150) }] }).replace(/\]\}\]\}$/, `],"spans":${JSON.stringify((trace.spans as Obj[]).slice(150))},"processes":${JSON.stringify(trace.processes)}}]}`),
    }
    for (const [name, body] of Object.entries(cases)) {
      const segmentChars = name === 'an answer shorter than a part' ? text.length + 1 : 4_000
      expect(feed(body, 1000, segmentChars), name).toBeNull()
    }
  })
})
