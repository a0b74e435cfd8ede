import type { TraceSummaryWire } from '../../src/api/schemas/trace'
import type { MatchedSpan, SamplingMode } from '../../src/domain/model'
import { BoundedCache, WORLD_CACHE_IDLE_MS } from './bounded-cache'
import { DCS } from './world-catalog'
import type { Incidents } from './incidents'
import { OUTAGE_DC } from './incidents'
import { samplerRateOf, slotCandidates } from './sampling'
import { materialize, spanName } from './spans'
import { matchSpan } from './span-match'
import type { SpanSearch } from './span-match'
import { generateFromKey } from './trace'
import type { GeneratedTrace } from './trace'
import { encodeTraceId } from './trace-id'
import type { TraceKey } from './trace-id'
import { SLOT_MS, slotOf } from './traffic'
import type { World } from './world'

/** One sampled trace as the search sees it, cached per slot. */
export interface TraceRow {
  id: string
  key: TraceKey
  summary: TraceSummaryWire
  dc: string
  /** operations present (server/consumer ops and storage/MQ ops called) */
  ops: Set<number>
  /** services with spans, plus storage/MQ services called (they have no spans of their own) */
  services: Set<string>
  rootError: boolean
}

/**
 * Rows by world, anchor and slot: 40,000 rows at most (a day of slots at the default scale, about
 * 11 hours at the largest), and what no search asked for in 10 minutes goes.
 */
export const ROW_BUDGET = 40_000
const rowCache = new BoundedCache<string, TraceRow[]>({ maxWeight: ROW_BUDGET, weigh: (rows) => rows.length + 1, idleMs: WORLD_CACHE_IDLE_MS })

/** What the row cache holds now (for tests and the soak bench). */
export function rowCacheUse(): { slots: number; rows: number } {
  return { slots: rowCache.size, rows: rowCache.weight }
}

export function rowOf(world: World, gen: GeneratedTrace, id: string): TraceRow {
  const root = gen.all[0]
  // a PostTrace capture that began after the request answered has no root: its earliest span stands in
  const rootCaptured = gen.kept[0] === root
  let first = root
  let extentEnd = root.start + root.dur
  if (!rootCaptured) {
    first = gen.kept.reduce((a, s) => (s.start < a.start ? s : a), gen.kept[0])
    extentEnd = gen.kept.reduce((a, s) => Math.max(a, s.start + s.dur), -Infinity)
  }
  const perService = new Map<string, { spanCount: number; errorCount: number }>()
  const ops = new Set<number>()
  let errors = 0
  for (const s of gen.kept) {
    const name = world.services[s.service].name
    const e = perService.get(name) ?? { spanCount: 0, errorCount: 0 }
    e.spanCount++
    if (s.error) {
      e.errorCount++
      errors++
    }
    perService.set(name, e)
    if (s.kind !== 'client' || world.ops[s.op].kind === 'client') ops.add(s.op)
    if (s.kind === 'producer') ops.add(s.op)
  }
  const services = new Set(perService.keys())
  for (const i of ops) services.add(world.ops[i].serviceName)
  return {
    id,
    key: gen.key,
    dc: DCS[gen.key.dc] ?? DCS[0],
    ops,
    services,
    rootError: root.error,
    summary: {
      traceId: id,
      rootService: world.services[first.service].name,
      rootOperation: rootCaptured ? world.ops[root.op].name : spanName(world, first),
      rootCaptured,
      startTime: Math.floor(first.start),
      duration: Math.floor(extentEnd) - Math.floor(first.start),
      spanCount: gen.kept.length,
      errorCount: errors,
      services: [...perService.entries()].map(([name, v]) => ({ name, ...v })),
      sampling: { mode: gen.key.mode, rate: gen.key.mode === 'dyed' ? 1 : 2 ** (-gen.key.rateCode / 128), samplerRate: samplerRateOf(world, gen.key) },
    },
  }
}

/** Sampled traces of one slot, oldest first, summarised. */
export function slotRows(world: World, slot: number, inc: Incidents): TraceRow[] {
  const cacheKey = `${world.scale}|${inc.anchor}|${slot}`
  const hit = rowCache.get(cacheKey)
  if (hit) return hit
  const rows: TraceRow[] = []
  for (const c of slotCandidates(world, slot, inc)) {
    const gen = generateFromKey(world, inc, c.key)
    if (!gen) continue
    const failed = gen.kept.some((s) => s.error)
    const key = failed && c.key.mode !== 'dyed' ? { ...c.key, rateCode: c.errorRateCode } : c.key
    const id = encodeTraceId(key)
    rows.push(rowOf(world, { ...gen, key }, id))
  }
  rows.sort((a, b) => a.key.startMs - b.key.startMs)
  rowCache.set(cacheKey, rows)
  return rows
}

export interface SearchFilter {
  from: number
  to: number
  service?: string
  operation?: string
  tags: { key: string; value: string }[]
  minDuration?: number
  maxDuration?: number
  status?: 'ok' | 'error'
  sampling?: SamplingMode
  dc?: string
  limit: number
  /** conditions on one span of `ops` (span-level search, see span-match.ts); the window then applies to that span's start */
  span?: Omit<SpanSearch, 'from' | 'to'>
}

/** A span-level search also reads traces that started this long before the window (their spans may start inside it). */
export const SPAN_LOOKBACK_MS = SLOT_MS

function matches(world: World, inc: Incidents, row: TraceRow, f: SearchFilter): boolean {
  const start = row.key.startMs
  if (start < f.from - (f.span ? SPAN_LOOKBACK_MS : 0) || start >= f.to) return false
  if (row.dc === OUTAGE_DC && start >= inc.outageFrom && start < inc.outageTo) return false
  if (f.dc && row.dc !== f.dc) return false
  if (f.sampling && row.key.mode !== f.sampling) return false
  if (f.status === 'error' && row.summary.errorCount === 0) return false
  if (f.status === 'ok' && row.summary.errorCount > 0) return false
  if (f.minDuration !== undefined && row.summary.duration < f.minDuration) return false
  if (f.maxDuration !== undefined && row.summary.duration > f.maxDuration) return false
  if (f.service && !row.services.has(f.service)) return false
  if (f.service && f.operation) {
    const op = world.opByKey.get(`${f.service}::${f.operation}`)
    if (!op || !row.ops.has(op.idx)) return false
  }
  if (f.tags.length > 0) {
    const gen = generateFromKey(world, inc, row.key)
    if (!gen) return false
    const spans = materialize(world, inc, row.id, row.key.seed, gen.all, gen.kept)
    return spans.some((s) => f.tags.every((t) => String(s.tags[t.key] ?? s.resource[t.key] ?? '') === t.value))
  }
  return true
}

/** Budget of sampled traces a single search may examine. */
export const SCAN_BUDGET = 60_000

export interface SearchResult {
  rows: TraceRow[]
  /** the answer's summaries, one per row; span-level searches add the matching span */
  summaries: TraceSummaryWire[]
  truncated: boolean
  partial: boolean
}

/** Newest first; `truncated` when more traces matched than `limit` (or the scan budget ran out). */
export function searchTraces(world: World, inc: Incidents, f: SearchFilter): SearchResult {
  const out: TraceRow[] = []
  const summaries: TraceSummaryWire[] = []
  let scanned = 0
  let truncated = false
  let partial = false
  const first = slotOf(f.from - (f.span ? SPAN_LOOKBACK_MS : 0))
  for (let slot = slotOf(f.to - 1); slot >= first; slot--) {
    const t0 = slot * SLOT_MS
    if (t0 < inc.outageTo && t0 + SLOT_MS > inc.outageFrom && (!f.dc || f.dc === OUTAGE_DC)) partial = true
    const rows = slotRows(world, slot, inc)
    for (let i = rows.length - 1; i >= 0; i--) {
      const row = rows[i]
      if (!matches(world, inc, row, f)) continue
      let match: MatchedSpan | null = null
      if (f.span) {
        const gen = generateFromKey(world, inc, row.key)
        match = gen && matchSpan(world, inc, row.id, gen, { ...f.span, from: f.from, to: f.to })
        if (!match) continue
      }
      if (out.length >= f.limit) return { rows: out, summaries, truncated: true, partial }
      out.push(row)
      summaries.push(match ? { ...row.summary, match } : row.summary)
    }
    scanned += rows.length
    if (scanned > SCAN_BUDGET) {
      truncated = slot > first
      break
    }
  }
  return { rows: out, summaries, truncated, partial }
}
