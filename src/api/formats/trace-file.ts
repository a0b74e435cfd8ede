import type { Span, Trace } from '../../domain/model'
import { TraceResponseSchema, TraceSchema } from '../schemas/trace'
import { FormatError, isFormatError, parseFormat } from './format-error'
import { jaegerToTraces, looksLikeJaeger } from './jaeger'
import { looksLikeOtlp, otlpToTraces } from './otlp'
import { FILE_TRACE_PREFIX, isFileTraceId } from '../../lib/trace-path'

/**
 * Largest trace file the console opens: a memory guard, not the browser's limit. The file is
 * parsed as one string (a big Jaeger file as two halves, one per worker) and its spans are held as
 * objects while they are converted; measured in headless Chromium (docs/performance-history.md, "Traces
 * too big for one string"), a 400,000-span Jaeger JSON file (298 MB) took 2.5 GB in the tab at its
 * peak, a 1,000,000-span one (745 MB, opened only with this guard lifted) 4.4 GB and two minutes.
 * A file read whole cannot be longer than the longest string V8 holds (2^29 - 24 characters).
 */
export const MAX_TRACE_FILE_BYTES = 300 * 1024 * 1024
/** About how many spans of Jaeger JSON (with ~8 tags a span) fit in MAX_TRACE_FILE_BYTES. */
const MAX_TRACE_FILE_SPANS = 400_000

export type TraceFileFormat = 'jaeger' | 'otlp' | 'console'

export interface ParsedTraceFile {
  format: TraceFileFormat
  traces: Trace[]
  warnings: string[]
}

/** Plain-words size check, to run on File.size before reading the file. Throws FormatError. */
export function checkTraceFileSize(bytes: number, fileName: string): void {
  if (bytes === 0) throw new FormatError('empty', `The file "${fileName}" is empty.`)
  if (bytes > MAX_TRACE_FILE_BYTES) {
    const mb = Math.round(bytes / 1024 / 1024)
    throw new FormatError(
      'too-big',
      `The file "${fileName}" is ${mb} MB; the console opens trace files up to ${MAX_TRACE_FILE_BYTES / 1024 / 1024} MB ` +
        `(a trace of about ${MAX_TRACE_FILE_SPANS.toLocaleString('en-US')} spans as Jaeger JSON); bigger ones take several GB of memory and minutes to open in a browser tab. ` +
        'If it holds several traces, export them one at a time.',
    )
  }
}

/**
 * Plain-words check of a file's text as the browser read it. A file longer than the longest string
 * the browser's JavaScript engine holds (2^29 - 24 characters in 64-bit Chromium, half that in
 * 32-bit builds) does not fail to read: Chromium gives an empty text, which would otherwise be
 * reported as an empty file. A file of more than 3 bytes (a UTF-8 byte-order mark alone reads as
 * nothing) never reads as nothing otherwise. Throws FormatError.
 */
export function checkReadText(text: string, bytes: number, fileName: string): void {
  if (text.length > 0 || bytes <= 3) return
  const mb = Math.round(bytes / 1024 / 1024)
  throw new FormatError(
    'too-big',
    `The file "${fileName}" is ${mb} MB, more than this browser can read as one piece of text (at most 512 MB in 64-bit Chromium). ` +
      `The console opens trace files up to ${MAX_TRACE_FILE_BYTES / 1024 / 1024} MB.`,
  )
}

/**
 * Reads a trace file: Jaeger JSON (wrapped or bare), OTLP JSON, or the console's own
 * {"trace": ...} download. Throws only FormatError, whose message says in plain words what is wrong.
 */
export function parseTraceFile(text: string, fileName: string): ParsedTraceFile {
  try {
    return parse(text, fileName)
  } catch (e) {
    if (isFormatError(e)) {
      // Name the file in every message, once.
      if (e.message.includes(`"${fileName}"`)) throw e
      throw new FormatError(e.kind, `"${fileName}": ${e.message}`, e.path)
    }
    throw new FormatError('invalid', `The file "${fileName}" could not be read as a trace: ${e instanceof Error ? e.message : 'unknown problem'}.`)
  }
}

function parse(text: string, fileName: string): ParsedTraceFile {
  checkTraceFileSize(text.length, fileName)
  if (text.trim() === '') throw new FormatError('empty', `The file "${fileName}" holds only blank space.`)
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    const detail = e instanceof Error ? e.message : ''
    throw new FormatError('not-json', `The file "${fileName}" is not JSON${detail ? ` (${detail})` : ''}. Trace files must be Jaeger JSON or OTLP JSON.`)
  }
  const { format, traces } = convert(json)
  const withSpans = traces.filter((t) => t.spans.length > 0)
  if (withSpans.length === 0) throw new FormatError('no-spans', `The file "${fileName}" is a valid ${FORMAT_NAMES[format]} file but holds no spans.`)
  const warnings: string[] = []
  if (withSpans.length < traces.length) warnings.push(`${traces.length - withSpans.length} empty trace(s) without spans were skipped.`)
  return { format, traces: withSpans, warnings }
}

export const FORMAT_NAMES: Record<TraceFileFormat, string> = {
  jaeger: 'Jaeger JSON',
  otlp: 'OTLP JSON',
  console: 'TraceLens trace',
}

function convert(json: unknown): { format: TraceFileFormat; traces: Trace[] } {
  if (looksLikeOtlp(json)) return { format: 'otlp', traces: otlpToTraces(json) }
  if (looksLikeJaeger(json)) return { format: 'jaeger', traces: jaegerToTraces(json) }
  if (typeof json === 'object' && json !== null && !Array.isArray(json)) {
    if ('trace' in json) return { format: 'console', traces: [parseFormat(TraceResponseSchema, json, 'TraceLens trace file').trace] }
    if ('traceId' in json && 'spans' in json) return { format: 'console', traces: [parseFormat(TraceSchema, json, 'TraceLens trace file')] }
  }
  if (Array.isArray(json) && json.length > 0 && typeof json[0] === 'object' && json[0] !== null && 'parent' in json[0] && 'child' in json[0]) {
    throw new FormatError('unknown-format', 'This is a Jaeger dependencies file (service links), not a trace.')
  }
  throw new FormatError(
    'unknown-format',
    `This JSON is not a trace file the console knows (${describeShape(json)}). It reads Jaeger JSON ("data" or "traceID" with "spans"), OTLP JSON ("resourceSpans") and traces saved by the console ("trace").`,
  )
}

function describeShape(json: unknown): string {
  if (Array.isArray(json)) return `a list of ${json.length} item(s)`
  if (json === null) return 'null'
  if (typeof json !== 'object') return `a single ${typeof json}`
  const keys = Object.keys(json)
  if (keys.length === 0) return 'an empty object'
  return `an object with ${keys.slice(0, 5).map((k) => `"${k}"`).join(', ')}${keys.length > 5 ? ', …' : ''}`
}

/** FNV-1a over a string, as a 32-bit unsigned number. */
function fnv1a(s: string, seed = 0x811c9dc5): number {
  let h = seed
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/**
 * The id under which an opened file's trace is cached and routed (/traces/file-<hash>).
 * Derived from the trace's content and independent of span order, so opening the same trace
 * again, in either format, gives the same id.
 */
/**
 * The cache id of a trace read from a file: its trace id, span count and spans' identities and
 * timings, and the digest of the whole file's bytes (`fileDigest`), so a file edited anywhere (a
 * span's name, a tag, an event) opens as a new trace instead of the one read before.
 */
export function fileTraceId(trace: Trace, digest = ''): string {
  return fileTraceIdOf(trace.traceId, trace.spans.length, spanHashSum(trace.spans), digest)
}

/** Bytes hashed at a time by fileDigest: the file is never held whole for its digest. */
const DIGEST_PIECE = 8 * 1024 * 1024

/**
 * A hex digest of a file's bytes, read in pieces of 8 MiB so a file of hundreds of megabytes is
 * never held whole for it: the SHA-256 (WebCrypto) of the concatenated SHA-256 of each piece.
 * Where WebCrypto is missing or refuses the buffer, an FNV-1a of the bytes instead. Part of every
 * file trace's id; it only has to tell two files apart, not match a published checksum.
 */
export async function fileDigest(file: Blob): Promise<string> {
  const subtle = globalThis.crypto?.subtle
  if (subtle) {
    try {
      const pieces: Uint8Array[] = []
      for (let at = 0; at < file.size || (at === 0 && pieces.length === 0); at += DIGEST_PIECE) {
        pieces.push(new Uint8Array(await subtle.digest('SHA-256', await file.slice(at, at + DIGEST_PIECE).arrayBuffer())))
      }
      const joined = new Uint8Array(pieces.length * 32)
      pieces.forEach((p, i) => joined.set(p, i * 32))
      const hash = new Uint8Array(await subtle.digest('SHA-256', joined))
      return Array.from(hash, (b) => b.toString(16).padStart(2, '0')).join('')
    } catch {
      // a buffer WebCrypto does not take (another realm's, in tests): hashed below instead
    }
  }
  let h = 0x811c9dc5
  for (let at = 0; at < file.size; at += DIGEST_PIECE) {
    for (const b of new Uint8Array(await file.slice(at, at + DIGEST_PIECE).arrayBuffer())) h = Math.imul(h ^ b, 0x01000193)
  }
  return `fnv-${(h >>> 0).toString(16)}-${file.size}`
}

/**
 * The part of fileTraceId that depends on the spans: a sum, so the spans can be hashed in parts
 * (on several threads) and the parts' sums added up, modulo 2³².
 */
export function spanHashSum(spans: readonly Pick<Span, 'spanId' | 'startTime' | 'duration'>[]): number {
  let sum = 0
  for (const s of spans) sum = (sum + spanHash(s.spanId, s.startTime, s.duration)) >>> 0
  return sum
}

/** One span's term of spanHashSum. */
export function spanHash(spanId: string, startTime: number, duration: number): number {
  return fnv1a(`${spanId}:${Math.round(startTime)}:${Math.round(duration)}`)
}

/** fileTraceId from the trace id, its span count, the sum of spanHashSum over all its spans and the file's digest. */
export function fileTraceIdOf(traceId: string, spanCount: number, sum: number, digest = ''): string {
  const h = fnv1a(`${traceId}|${spanCount}|${sum >>> 0}|${digest}`)
  return `${FILE_TRACE_PREFIX}${h.toString(16).padStart(8, '0')}`
}

export { isFileTraceId }
