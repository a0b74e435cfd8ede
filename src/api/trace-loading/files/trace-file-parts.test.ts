import { describe, expect, it } from 'vitest'
import { isFormatError } from '../../formats/format-error'
import { HandOverReceiver, handOver, readAndParse } from './trace-file-steps'
import type { HandOverMessage, ReadTraceFile } from './trace-file-steps'
import { readInParts, serveTailPart } from './trace-file-parts'
import type { PartMessage, PartPort } from './trace-file-parts'
import { jaegerFile } from '../../formats/jaeger-file.test-util'

type Obj = Record<string, unknown>

/** Two ends that pass messages to each other asynchronously, as a worker and its parent do. */
function portPair(): [PartPort, PartPort] {
  const a: PartPort = { onmessage: null, postMessage: (m) => deliver(b, m) }
  const b: PartPort = { onmessage: null, postMessage: (m) => deliver(a, m) }
  return [a, b]
}
function deliver(to: PartPort, m: PartMessage) {
  setTimeout(() => to.onmessage?.(new MessageEvent('message', { data: m })), 0)
}


const fileOf = (json: unknown, text = JSON.stringify(json)) => new File([text], 'trace.json', { type: 'application/json' })

/** The messages of a whole read (the reference). */
async function wholeRead(file: File): Promise<HandOverMessage[]> {
  const messages: HandOverMessage[] = []
  handOver(await readAndParse(file, () => undefined), (m) => messages.push(m))
  return messages
}

/** A whole read's messages with the tree moved after the spans, where a read in parts sends it (it needs every span converted). */
const treeLast = (ms: HandOverMessage[]) => [...ms.filter((m) => m.type !== 'tree' && m.type !== 'done'), ...ms.filter((m) => m.type === 'tree' || m.type === 'done')]

/** The messages of a read in parts, the helper running at the other end of a port pair; null when refused. */
async function partsRead(file: File): Promise<HandOverMessage[] | null> {
  const [lead, helper] = portPair()
  serveTailPart(helper)
  const read = await readInParts(file, lead, () => undefined, file.name)
  if (!read) return null
  const messages: HandOverMessage[] = []
  await read.handOver((m) => messages.push(m))
  return messages
}

function received(messages: HandOverMessage[]): ReadTraceFile | null {
  const r = new HandOverReceiver()
  let out: ReadTraceFile | null = null
  for (const m of messages) out = r.take(m)
  return out
}

describe('reading a big Jaeger file in two parts', () => {
  it('hands the page exactly what a whole read does: the same messages, in the same order, the tree after the spans', async () => {
    for (const [n, opts] of [
      [5000, {}],
      [4500, { samplingOn: 4400, missingProcessOn: 4300 }],
      [3001, { samplingOn: 7, missingProcessOn: 2 }],
    ] as const) {
      const file = fileOf(jaegerFile(n, opts))
      const parts = await partsRead(file)
      expect(parts, `${n} spans were read in parts`).not.toBeNull()
      expect(parts).toEqual(treeLast(await wholeRead(file)))
    }
  })

  it('keeps what the file says about the trace, whichever part it is in', async () => {
    const file = fileOf(jaegerFile(4000, { samplingOn: 3990, missingProcessOn: 3995 }))
    const read = received((await partsRead(file)) ?? [])
    const trace = read?.traces[0]
    expect(trace?.spans).toHaveLength(4000)
    expect(trace?.sampling).toMatchObject({ mode: 'probability', rate: 0.25 })
    expect(trace?.warnings[0]).toBe('from the exporter')
    expect(trace?.warnings).toContain('Span s' + ((1 * 40503) % 65536).toString(16) + '-1: odd span 1')
    expect(trace?.warnings.at(-1)).toMatch(/processes that the file does not describe \(p-gone\)/)
    expect(new Set(trace?.spans.map((s) => s.service))).toEqual(new Set(['svc-0', 'svc-1', 'svc-2', 'svc-3', 'svc-4', 'unknown service']))
  })

  it('reads a file it cannot cut, or whose parts are not one valid trace, whole instead', async () => {
    const good = jaegerFile(3000)
    const trace = (good.data as Obj[])[0]
    const cases: Record<string, File> = {
      'pretty-printed': fileOf(good, JSON.stringify(good, null, 2)),
      'two traces': fileOf({ data: [trace, { ...trace, traceID: 'other' }] }),
      'a bare trace object': fileOf(trace),
      'a span with a negative duration after the cut': fileOf({ data: [{ ...trace, spans: (trace.spans as Obj[]).map((s, i) => (i === 2900 ? { ...s, duration: -1 } : s)) }] }),
      'processes of the wrong shape': fileOf({ data: [{ ...trace, processes: { p0: { serviceName: 5 } } }] }),
      // a whole parse keeps the last "spans": the parts must not read the first as well
      'spans given twice': fileOf(good, JSON.stringify(good).replace('"processes":', `"spans":${JSON.stringify((trace.spans as Obj[]).slice(0, 3))},"processes":`)),
    }
    for (const [name, file] of Object.entries(cases)) expect({ name, parts: await partsRead(file) }).toEqual({ name, parts: null })
  })

  it('leaves a broken file to the whole read, which names what is wrong', async () => {
    const text = JSON.stringify(jaegerFile(3000))
    const cut = new File([text.slice(0, Math.floor(text.length * 0.8))], 'cut-off.json')
    expect(await partsRead(cut)).toBeNull()
    const err: unknown = await readAndParse(cut, () => undefined).catch((e: unknown) => e)
    expect(isFormatError(err) && err.message).toMatch(/"cut-off.json" is not JSON/)
  })

  it('gives up, and lets the whole read go ahead, when the second reader fails before the hand-over', async () => {
    const [lead, helper] = portPair()
    helper.onmessage = () => helper.postMessage({ type: 'failed', message: 'out of memory' })
    const read = await readInParts(fileOf(jaegerFile(3000)), lead, () => undefined, 'trace.json')
    expect(read).toBeNull()
  })
})
