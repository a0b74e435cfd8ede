/**
 * "What is different": which tag values are over-represented in a selection against a baseline.
 * Used by the metrics drill-down (a spike against the window before it or yesterday) and by the
 * error chains (a chain's traces against the baseline). Pure.
 */
export type Tagged = Record<string, string | number | boolean | undefined>

export interface TagDiff {
  key: string
  value: string
  /** share of selection items carrying key=value, in [0, 1] */
  selectionShare: number
  /** share of baseline items carrying key=value, in [0, 1] */
  baselineShare: number
  selectionCount: number
  baselineCount: number
  /** selectionShare − baselineShare: how many points of share the value gained */
  lift: number
  /** ranking score: lift weighted by how much of the selection it explains */
  score: number
}

export interface TagDiffOptions {
  /** only these keys (default: every key seen) */
  keys?: readonly string[]
  /** keys never worth reporting (ids, timestamps, latencies) */
  ignoreKeys?: readonly string[]
  /** drop values carried by fewer selection items than this share (default 0.1) */
  minSelectionShare?: number
  /** drop values whose share did not grow by at least this much (default 0.05) */
  minLift?: number
  limit?: number
}

const DEFAULT_IGNORED = ['traceId', 'spanId', 'TraceID', 'SpanID', 'Latency', 'SendSize', 'RecvSize', 'IPV4', 'IPV6', 'ToAddr']

function countValues(items: readonly Tagged[], keys: Set<string> | null, ignored: Set<string>): Map<string, number> {
  const counts = new Map<string, number>()
  for (const item of items) {
    for (const [k, v] of Object.entries(item)) {
      if (v === undefined || ignored.has(k) || (keys && !keys.has(k))) continue
      const id = `${k}\u0000${String(v)}`
      counts.set(id, (counts.get(id) ?? 0) + 1)
    }
  }
  return counts
}

/** Ranks key=value pairs by how much more often they occur in `selection` than in `baseline`. */
export function rankTagDifferences(selection: readonly Tagged[], baseline: readonly Tagged[], opts: TagDiffOptions = {}): TagDiff[] {
  if (selection.length === 0) return []
  const keys = opts.keys ? new Set(opts.keys) : null
  const ignored = new Set([...(opts.ignoreKeys ?? []), ...DEFAULT_IGNORED])
  const minShare = opts.minSelectionShare ?? 0.1
  const minLift = opts.minLift ?? 0.05
  const sel = countValues(selection, keys, ignored)
  const base = countValues(baseline, keys, ignored)
  const out: TagDiff[] = []
  for (const [id, selectionCount] of sel) {
    const selectionShare = selectionCount / selection.length
    const baselineCount = base.get(id) ?? 0
    const baselineShare = baseline.length ? baselineCount / baseline.length : 0
    const lift = selectionShare - baselineShare
    if (selectionShare < minShare || lift < minLift) continue
    const [key, value] = id.split('\u0000') as [string, string]
    out.push({ key, value, selectionShare, baselineShare, selectionCount, baselineCount, lift, score: lift * Math.sqrt(selectionShare) })
  }
  out.sort((a, b) => b.score - a.score || b.selectionCount - a.selectionCount || a.key.localeCompare(b.key) || a.value.localeCompare(b.value))
  return opts.limit ? out.slice(0, opts.limit) : out
}
