/**
 * "What is different" for a metric selection, like with like: the selected spans of the series
 * (the span each listed trace matched) against the same service/operation's spans in a baseline
 * (the window just before, or the same window yesterday), compared on those spans' tags and on the
 * span where the trace's error started. The fields that define the selection (a failed span's
 * StatusCode and IsError, the series' own labels) are left out: they differ by construction.
 * Ranking: rankTagDifferences. Pure.
 */
import type { Span, SpanCondition, Trace } from '../model'
import { rankTagDifferences } from '../compare/tag-diff'
import type { TagDiff, Tagged } from '../compare/tag-diff'
import type { TimeWindow } from '../query'
import { assignData, putData } from '../../lib/records'

export type BaselineMode = 'before' | 'yesterday'

const DAY_MS = 24 * 3600 * 1000

/** The baseline window for a selection: same length just before it, or the same window yesterday. */
export function baselineWindow(sel: TimeWindow, mode: BaselineMode): TimeWindow {
  if (mode === 'yesterday') return { from: sel.from - DAY_MS, to: sel.to - DAY_MS }
  const len = Math.max(sel.to - sel.from, 60_000)
  return { from: sel.from - len, to: sel.from }
}

/** Tags worth comparing (resource fields and the RPC tags that name where a call went). */
export const COMPARED_KEYS = [
  'DC', 'Cluster', 'DeployStage', 'PodName', 'Env', 'Version', 'version',
  'Method', 'ToService', 'ToMethod', 'ToCluster', 'ToDc', 'StatusCode', 'IsError',
  'error.service', 'error.operation', 'error.version', 'error.DC', 'error.PodName',
] as const

/** The deepest failing span: where the error most likely started. */
function errorOrigin(spans: readonly Span[]): Span | undefined {
  const failing = spans.filter((s) => s.status === 'error')
  if (failing.length === 0) return undefined
  const failingIds = new Set(failing.map((s) => s.spanId))
  const childOf = new Set(spans.filter((s) => s.parentSpanId && failingIds.has(s.parentSpanId) && s.status === 'error').map((s) => s.parentSpanId))
  return failing.find((s) => !childOf.has(s.spanId)) ?? failing[0]
}

/**
 * One tag record per trace: the resource fields and tags of its series span (`spanId`, the span the
 * search matched; without it the first span of `service`, of `operation` when given), plus the
 * error origin's service, operation, version, DC and pod.
 */
export function traceTags(trace: Trace, service: string, operation?: string, spanId?: string | null): Tagged {
  const own = trace.spans.filter((s) => s.service === service)
  const matched = spanId ? trace.spans.find((s) => s.spanId === spanId) : undefined
  const span = matched ?? (operation ? own.find((s) => s.name === operation) : undefined) ?? own[0]
  const out: Tagged = {}
  if (span) {
    assignData<Tagged[string]>(out, span.resource)
    for (const [k, v] of Object.entries(span.tags)) putData<Tagged[string]>(out, k, String(v))
  }
  const origin = errorOrigin(trace.spans)
  if (origin) {
    out['error.service'] = origin.service
    out['error.operation'] = origin.name
    const version = origin.resource.Version ?? origin.resource.version
    if (version) out['error.version'] = `${origin.service} ${version}`
    if (origin.resource.DC) out['error.DC'] = origin.resource.DC
    if (origin.resource.PodName) out['error.PodName'] = origin.resource.PodName
  }
  return out
}

export interface Difference extends TagDiff {
  /** true when the key is a metric label of the series, so it can be added as a filter */
  filterable: boolean
}

/** A trace of one side of the comparison, with the series span its search matched (null when not named). */
export interface ComparedTrace {
  trace: Trace
  spanId: string | null
}

/** Fields that define a selection and so differ by construction: a failures-only selection's StatusCode and IsError, the series' labels. */
export function definingKeys(drill: { span: SpanCondition }): string[] {
  const out = (drill.span.tags ?? []).map((t) => t.key)
  if (drill.span.status === 'error') out.push('StatusCode', 'IsError')
  return [...new Set(out)]
}

/** Ranks tag values over-represented in the selection's spans against the baseline's, leaving the defining keys out. */
export function whatIsDifferent(
  selection: readonly ComparedTrace[],
  baseline: readonly ComparedTrace[],
  scope: { service: string; operation?: string; labelKeys: readonly string[]; leaveOut?: readonly string[] },
  limit = 8,
): Difference[] {
  const sel = selection.map((t) => traceTags(t.trace, scope.service, scope.operation, t.spanId))
  const base = baseline.map((t) => traceTags(t.trace, scope.service, scope.operation, t.spanId))
  const labels = new Set(scope.labelKeys)
  const out = new Set(scope.leaveOut ?? [])
  const keys = COMPARED_KEYS.filter((k) => !out.has(k))
  return rankTagDifferences(sel, base, { keys, limit }).map((d) => ({ ...d, filterable: labels.has(d.key) }))
}
