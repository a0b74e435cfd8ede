/**
 * The three ways of reading a trace besides the Gantt, from a trace (and its tree when the caller
 * has already built it). The same functions run in the analysis worker and, for small traces and
 * in tests, on the calling thread.
 */
import { extractErrorChains } from '../../../../domain/error-chain/extract'
import type { Trace } from '../../../../domain/model'
import { compareTraces } from '../../../../domain/trace/compare'
import type { TraceComparison } from '../../../../domain/trace/compare'
import { buildFlameGraph } from '../../../../domain/trace/flame'
import type { FlameGraph, FlameGroup } from '../../../../domain/trace/flame'
import { traceFacts } from '../../../../domain/trace/trace-facts'
import type { TraceFacts } from '../../../../domain/trace/trace-facts'
import { buildTraceGraph } from '../../../../domain/trace/trace-graph'
import type { TraceGraph, TraceGraphGroup } from '../../../../domain/trace/trace-graph'
import { assembleTree } from '../../../../domain/trace/packed-tree'
import type { PackedTree } from '../../../../domain/trace/packed-tree'
import { buildTraceTree } from '../../../../domain/trace/tree'
import type { TraceTree } from '../../../../domain/trace/tree'

/** A trace with its tree and per-span figures, built once and reused by every view. */
export interface AnalysedTrace {
  trace: Trace
  tree: TraceTree
  facts: TraceFacts
}

export function analyse(trace: Trace, adjustSkew: boolean, tree?: TraceTree): AnalysedTrace {
  const t = tree ?? buildTraceTree(trace, { adjustSkew })
  return { trace, tree: t, facts: traceFacts(t) }
}

/**
 * `analyse` with the columns of the tree the trace's reader built (`packed`, sent with the trace):
 * the tree is put together from them rather than built again, when they were built with the same
 * skew setting and fit the trace (its id, its span count); otherwise it is built here.
 */
export function analyseWithTree(trace: Trace, adjustSkew: boolean, packed: PackedTree | undefined): AnalysedTrace {
  let tree: TraceTree | undefined
  if (packed && packed.adjustSkew === adjustSkew && packed.traceId === trace.traceId) {
    try {
      tree = assembleTree(packed, trace.spans)
    } catch {
      // columns that do not fit these spans: the tree is built here
    }
  }
  return analyse(trace, adjustSkew, tree)
}

export function flameOf(a: AnalysedTrace, group: FlameGroup): FlameGraph {
  return buildFlameGraph(a.tree, a.facts, group)
}

export function graphOf(a: AnalysedTrace, group: TraceGraphGroup): TraceGraph {
  let chains: ReturnType<typeof extractErrorChains>['chains'] = []
  try {
    chains = a.tree.errorCount > 0 ? extractErrorChains(a.trace).chains : []
  } catch {
    // a trace too damaged to read chains from is still drawn, without them
  }
  return buildTraceGraph(a.tree, { ...a.facts, chainSpans: new Set(chains.flatMap((c) => c.spanIds)), chainOrigins: new Set(chains.map((c) => c.origin.spanId)) }, group)
}

/** A comparison, with the first span of each row in each trace (to open it in that trace's Gantt). */
export interface ComparisonResult {
  comparison: TraceComparison
  /** span key (tree node key) of the row's first span in A / B, null when absent or not a span */
  spanA: (string | null)[]
  spanB: (string | null)[]
}

export function compareOf(a: AnalysedTrace, b: AnalysedTrace): ComparisonResult {
  const fa = flameOf(a, 'path')
  const fb = flameOf(b, 'path')
  const comparison = compareTraces(fa, fb)
  const first = (x: AnalysedTrace, g: FlameGraph, f: number) => (f >= 0 && g.spanStart[f + 1] > g.spanStart[f] ? x.tree.nodes[g.spanList[g.spanStart[f]]].key : null)
  return {
    comparison,
    spanA: comparison.rows.map((r) => first(a, fa, r.frameA)),
    spanB: comparison.rows.map((r) => first(b, fb, r.frameB)),
  }
}
