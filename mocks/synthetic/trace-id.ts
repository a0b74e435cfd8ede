import { hashString, hex } from './prng'

/**
 * A trace id (32 lowercase hex characters) carries everything needed to regenerate its trace:
 *   [0]      kind: 1 sampled request, 2 big trace on demand, 3 catalogue special
 *   [1..11]  start time, ms since epoch (44 bits)
 *   [12..13] entry operation index (kind 1) or catalogue variant (kind 3)
 *   [14]     sampling mode (2 bits) | DC index << 2
 *   [15..17] sampling rate code: rate = 2^(-code/128)
 *   [18..24] seed (28 bits)
 *   [25]     flags: 1 = an error was forced (PostTrace capture of a failing request),
 *            2 = a slow storage call was forced (PostTrace capture triggered by latency)
 *   [26..30] span count (big traces)
 *   [31]     check digit
 */
export type TraceKind = 1 | 2 | 3
export const MODES = ['probability', 'adaptive', 'dyed', 'posttrace'] as const
export type WorldSamplingMode = (typeof MODES)[number]

export interface TraceKey {
  kind: TraceKind
  startMs: number
  entry: number
  mode: WorldSamplingMode
  dc: number
  rateCode: number
  seed: number
  forcedError: boolean
  forcedSlow: boolean
  spanCount: number
}

export const rateCodeOf = (rate: number): number => Math.max(0, Math.min(4095, Math.round(-Math.log2(rate) * 128)))
export const rateOfCode = (code: number): number => 2 ** (-code / 128)

const check = (body: string): string => hex(hashString(body) & 15, 1)

export function encodeTraceId(k: TraceKey): string {
  const body =
    String(k.kind) +
    Math.floor(k.startMs).toString(16).padStart(11, '0') +
    hex(k.entry, 2) +
    hex(MODES.indexOf(k.mode) | (k.dc << 2), 1) +
    hex(k.rateCode, 3) +
    hex(k.seed & 0xfffffff, 7) +
    hex((k.forcedError ? 1 : 0) | (k.forcedSlow ? 2 : 0), 1) +
    hex(k.spanCount, 5)
  return body + check(body)
}

/** Decodes an id; null when it is not one of the world's ids. */
export function decodeTraceId(id: string): TraceKey | null {
  if (!/^[0-9a-f]{32}$/.test(id)) return null
  if (check(id.slice(0, 31)) !== id[31]) return null
  const kind = Number(id[0])
  if (kind !== 1 && kind !== 2 && kind !== 3) return null
  const modeDc = parseInt(id[14], 16)
  return {
    kind,
    startMs: parseInt(id.slice(1, 12), 16),
    entry: parseInt(id.slice(12, 14), 16),
    mode: MODES[modeDc & 3],
    dc: modeDc >> 2,
    rateCode: parseInt(id.slice(15, 18), 16),
    seed: parseInt(id.slice(18, 25), 16),
    forcedError: (parseInt(id[25], 16) & 1) === 1,
    forcedSlow: (parseInt(id[25], 16) & 2) === 2,
    spanCount: parseInt(id.slice(26, 31), 16),
  }
}
