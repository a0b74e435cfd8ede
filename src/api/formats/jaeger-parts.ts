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
 * Files smaller than this are parsed whole: measured on two cores (docs/performance.md), the parts
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

/** The head part (the file up to the cut) closed and parsed; null unless it is the start of one trace's spans. */
export function readJaegerHead(text: string): JaegerPart | null {
  const root = parseOrNull(text + HEAD_CLOSE)
  if (!isObj(root) || lastKey(root) !== 'data' || !Array.isArray(root.data) || root.data.length !== 1) return null
  const trace: unknown = root.data[0]
  if (!isObj(trace) || lastKey(trace) !== 'spans' || !Array.isArray(trace.spans) || trace.spans.length === 0) return null
  const { spans, ...fields } = trace
  return { fields, spans: spans as unknown[] }
}

/** The tail part (the file after the cut) opened and parsed; null unless it is the rest of one trace. */
export function readJaegerTail(text: string): JaegerPart | null {
  const root = parseOrNull(TAIL_OPEN + text)
  if (!isObj(root) || !Array.isArray(root.data) || root.data.length !== 1) return null
  const trace: unknown = root.data[0]
  if (!isObj(trace) || !Array.isArray(trace.spans) || trace.spans.length === 0) return null
  const { spans, ...fields } = trace
  return { fields, spans: spans as unknown[] }
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
