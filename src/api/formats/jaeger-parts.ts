/**
 * Reading a big Jaeger JSON file in two parts, one per thread. JSON.parse of a 75 MB file is one
 * long call that no thread can share; cut at a boundary between two spans, each part is a JSON
 * document of its own once the cut is closed (the head part) or opened again (the tail part), and
 * the two parse side by side in half the time.
 *
 * Only the Jaeger query API's shape {"data":[{..., "spans":[{...},{...}, ...], ...}]} with one
 * trace is cut, at the first `},{"<first key of a span>":` after the middle of the file. Anything
 * else, and any cut whose parts do not read back as the head and the rest of that one trace, is
 * refused (null): the caller then parses the file whole, which also names what is wrong with a bad
 * file. The parts never change what the file means: a file read in parts gives the trace a whole
 * read gives (trace-file-parts.test.ts checks it span for span).
 */
import { jaegerSpanLooksValid, jaegerTraceLooksValid } from './jaeger-fast-check'

/**
 * Files smaller than this are parsed whole: measured on two cores (docs/performance-history.md), the parts
 * win at 75 MB (100k spans) and lose at 37 MB (50k), where the work of putting the parts together
 * before the page opens costs more than the parse saves.
 */
export const PARTS_MIN_BYTES = 48 * 1024 * 1024
/** Bytes read from the start of the file to find the first span's first key. */
export const HEAD_PROBE_BYTES = 256 * 1024
/** Bytes read from the middle of the file to find a boundary between two spans. */
export const MIDDLE_PROBE_BYTES = 1024 * 1024

/** Closes the head part after its last span: spans, the trace, data, the document. */
export const HEAD_CLOSE = ']}]}'
/** Opens the tail part before its first span, the way the head part had it open. */
export const TAIL_OPEN = '{"data":[{"spans":['

/** Where a file is cut: bytes [0, headEnd) are the head part, [tailStart, size) the tail part. */
export interface JaegerCut {
  headEnd: number
  tailStart: number
}

/** A part of the trace: its trace-level fields (traceID, processes, warnings…) and its spans. */
export interface JaegerPart {
  fields: Record<string, unknown>
  spans: unknown[]
}

const OPENING = /^\uFEFF?\s*\{\s*"data"\s*:\s*\[\s*\{/
const FIRST_SPAN_KEY = /"spans":\[\{"([A-Za-z_]+)":/

/**
 * The cut, from the file's first bytes (`head`, HEAD_PROBE_BYTES of them) and bytes from its
 * middle (`middle`, starting at byte `middleAt`); null when there is no place to cut. The pattern is
 * ASCII, so it is found in the bytes themselves and never cuts a character in two. In valid JSON a
 * `{` followed by `"key":` is outside any string, so the cut falls between two objects of an
 * array; readJaegerHead and readJaegerTail check that it was the spans array.
 */
export function findJaegerCut(head: Uint8Array, middle: Uint8Array, middleAt: number): JaegerCut | null {
  const start = latin1(head)
  if (!OPENING.test(start)) return null
  const key = FIRST_SPAN_KEY.exec(start)?.[1]
  if (!key) return null
  const pattern = `},{"${key}":`
  const at = indexOfAscii(middle, pattern)
  if (at < 0) return null
  return { headEnd: middleAt + at + 1, tailStart: middleAt + at + 2 }
}

/**
 * The one trace of a parsed part, split into its trace-level fields and its (non-empty) spans;
 * null unless `root` is {"data":[<one trace with "spans">]} and both pass `rootOk` and `traceOk`
 * (what else each kind of part may hold).
 */
function loneTrace(root: unknown, rootOk: (o: Record<string, unknown>) => boolean, traceOk: (o: Record<string, unknown>) => boolean): JaegerPart | null {
  if (!isObj(root) || !rootOk(root) || !Array.isArray(root.data) || root.data.length !== 1) return null
  const trace: unknown = root.data[0]
  if (!isObj(trace) || !traceOk(trace) || !Array.isArray(trace.spans) || trace.spans.length === 0) return null
  const { spans, ...fields } = trace
  return { fields, spans: spans as unknown[] }
}

const anything = () => true

/** The head part (the file up to the cut) closed and parsed; null unless it is the start of one trace's spans. */
export function readJaegerHead(text: string): JaegerPart | null {
  // the opening "spans" is the head's one: another would replace the list in a whole parse (see spansKeys)
  if (spansKeys(text) > 1) return null
  return loneTrace(parseOrNull(text + HEAD_CLOSE), (o) => lastKey(o) === 'data', (o) => lastKey(o) === 'spans')
}

/** The tail part (the file after the cut) opened and parsed; null unless it is the rest of one trace. */
export function readJaegerTail(text: string): JaegerPart | null {
  if (spansKeys(text) > 0) return null
  return loneTrace(parseOrNull(TAIL_OPEN + text), anything, anything)
}

/**
 * A part between two cuts (neither end of the answer) wrapped as TAIL_OPEN … HEAD_CLOSE and parsed;
 * null unless it is exactly a run of spans (nothing but `data` with one trace holding nothing but
 * `spans`). A cut at the wrong depth cannot pass: see JaegerAnswerSegments.
 */
export function readJaegerMiddle(text: string): unknown[] | null {
  if (spansKeys(text) > 0) return null
  return loneTrace(parseOrNull(TAIL_OPEN + text + HEAD_CLOSE), (o) => onlyKey(o, 'data'), (o) => onlyKey(o, 'spans'))?.spans ?? null
}

/** Characters of an answer's start searched for its opening and the first span's first key. */
const HEAD_PROBE_CHARS = 64 * 1024

/** Characters gathered before a streamed answer's spans are cut off and parsed (about 5,000 Jaeger spans). */
export const SEGMENT_CHARS = 4 * 1024 * 1024

/**
 * A Jaeger answer ({"data":[{…, "spans":[…], …}]} with one trace) parsed while it arrives: once
 * `segmentChars` characters are in, everything up to the last boundary between two spans
 * (`},{"<first key of a span>":`) is cut off, wrapped and parsed as a document of its own, and its
 * spans checked; the rest waits for more. At the end the last part (the last spans, then the
 * trace's processes and warnings) is parsed the same way. The parse of all but the last part thus
 * runs while the answer is still on its way.
 *
 * The parts never change what the answer means. Every cut is proved to lie between two spans of
 * the one `spans` list: a first part cut anywhere else leaves at least two brackets more open than
 * HEAD_CLOSE closes, so it does not parse, and a later part that starts between two spans and ends
 * anywhere else does not either; by induction every part that parses starts and ends between two
 * spans. Each part parses only when its text is valid JSON there, so the answer is valid JSON when
 * all of them parse. Anything else (another shape, a part that does not parse or holds a span that
 * is not valid Jaeger, an answer too short to be cut) gives null at the end, and the caller parses
 * the whole text, which also names what is wrong.
 */
export class JaegerAnswerSegments {
  private pending = ''
  private key: string | null = null
  private headFields: Record<string, unknown> | null = null
  private readonly parts: unknown[][] = []
  private off = false

  constructor(private readonly segmentChars = SEGMENT_CHARS) {}

  /** The next decoded piece of the answer. */
  push(text: string): void {
    if (this.off) return
    this.pending += text
    if (this.pending.length >= this.segmentChars) this.cut()
  }

  /** The answer is complete (`rest`: its last decoded piece): its trace-level fields and every span, checked; null when the caller must parse it whole. */
  end(rest: string): JaegerPart | null {
    if (this.off || this.headFields === null) return this.stop()
    const text = this.pending + rest
    this.pending = ''
    const tail = readJaegerTail(text)
    if (tail === null || !jaegerSpansLookValid(tail.spans)) return this.stop()
    const fields = joinFields(this.headFields, tail.fields)
    if (!jaegerFieldsLookValid(fields)) return this.stop()
    this.parts.push(tail.spans)
    const spans = this.parts.length === 1 ? this.parts[0] : ([] as unknown[]).concat(...this.parts)
    this.parts.length = 0
    return { fields, spans }
  }

  /** Spans parsed so far, all checked. */
  get spanCount(): number {
    let n = 0
    for (const p of this.parts) n += p.length
    return n
  }

  private cut(): void {
    if (this.key === null) {
      const start = this.pending.slice(0, HEAD_PROBE_CHARS)
      const key = OPENING.test(start) ? FIRST_SPAN_KEY.exec(start)?.[1] : undefined
      if (!key) return void this.stop()
      this.key = key
    }
    const at = this.pending.lastIndexOf(`},{"${this.key}":`)
    // no boundary yet (one span longer than a part): wait for more
    if (at < 0) return
    const text = this.pending.slice(0, at + 1)
    this.pending = this.pending.slice(at + 2)
    let spans: unknown[] | null
    if (this.headFields === null) {
      const head = readJaegerHead(text)
      if (head) this.headFields = head.fields
      spans = head?.spans ?? null
    } else spans = readJaegerMiddle(text)
    if (spans === null || !jaegerSpansLookValid(spans)) return void this.stop()
    this.parts.push(spans)
  }

  private stop(): null {
    this.off = true
    this.pending = ''
    this.parts.length = 0
    return null
  }
}

/**
 * How many keys named "spans" the text holds (counting to 2). In valid JSON `"spans"` followed by a
 * colon is always a key: a string that closed would not be followed by `spans"`. Jaeger's objects
 * have one, the trace's; a part that holds another key of that name is left to a whole parse,
 * where a later "spans" would replace the earlier list.
 */
function spansKeys(text: string): number {
  const re = /"spans"\s*:/g
  let n = 0
  while (n < 2 && re.exec(text)) n++
  return n
}

/** The trace-level fields of the whole trace: the head's, then the tail's (a later key wins, as in JSON.parse). */
export function joinFields(head: Record<string, unknown>, tail: Record<string, unknown>): Record<string, unknown> {
  return { ...head, ...tail }
}

/** True when the trace-level fields are valid Jaeger (the spans are checked part by part). */
export function jaegerFieldsLookValid(fields: Record<string, unknown>): boolean {
  return jaegerTraceLooksValid({ ...fields, spans: [] })
}

/** True when every span of a part is valid Jaeger. */
export function jaegerSpansLookValid(spans: readonly unknown[]): boolean {
  for (const s of spans) if (!jaegerSpanLooksValid(s)) return false
  return true
}

function parseOrNull(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

function onlyKey(o: Record<string, unknown>, key: string): boolean {
  let n = 0
  for (const k in o) if (k !== key || ++n > 1) return false
  return n === 1
}

function lastKey(o: Record<string, unknown>): string | undefined {
  let last: string | undefined
  for (const k in o) last = k
  return last
}

/** The bytes as Latin-1 text: enough to look for ASCII (and cheap on a probe of a few hundred KB). */
function latin1(bytes: Uint8Array): string {
  let s = ''
  for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192))
  return s
}

function indexOfAscii(bytes: Uint8Array, pattern: string): number {
  const p = Array.from(pattern, (c) => c.charCodeAt(0))
  const first = p[0]
  for (let i = bytes.indexOf(first); i >= 0 && i <= bytes.length - p.length; i = bytes.indexOf(first, i + 1)) {
    let j = 1
    while (j < p.length && bytes[i + j] === p[j]) j++
    if (j === p.length) return i
  }
  return -1
}
