/** Messages between the trace views and their analysis worker (./analysis.worker.ts). */
import type { FlameGraph, FlameGroup } from '../../../../domain/trace/flame'
import type { HandOverMessage } from '../../../../api/trace-loading/files/trace-file-steps'
import type { PackedTree } from '../../../../domain/trace/packed-tree'
import type { SlimTrace } from '../../../../domain/trace/slim-trace'
import type { TraceGraph, TraceGraphGroup } from '../../../../domain/trace/trace-graph'
import type { ComparisonResult } from './compute'

/**
 * A trace the worker may already hold (`key`); the trace is sent only when it does not, packed
 * (slimTrace: what the analyses read, as columns moved rather than copied), with the columns of its
 * tree when the page has them (the tree the reader built, with the same skew setting): the worker
 * then puts that tree together instead of building it again.
 */
export interface TraceRef {
  key: string
  adjustSkew: boolean
  slim?: SlimTrace
  tree?: PackedTree
}

export type AnalysisRequest =
  | { id: number; type: 'flame'; ref: TraceRef; group: FlameGroup }
  | { id: number; type: 'graph'; ref: TraceRef; group: TraceGraphGroup }
  | { id: number; type: 'compare'; a: TraceRef; b: TraceRef }
  /** take the trace and build its tree and per-span figures now, ahead of a view asking for them */
  | { id: number; type: 'prepare'; ref: TraceRef }

/**
 * Messages the worker does not answer: a trace fed to it as it arrives (`feed`: the reader's
 * hand-over, message by message, as the page takes it; once its last message is in, the worker
 * holds the trace under `key` with its tree and per-span figures), or dropped (`drop`: the read
 * failed or the page no longer wants it).
 */
export type AnalysisNote = { type: 'feed'; key: string; message: HandOverMessage } | { type: 'drop'; key: string }

export type AnalysisResponse =
  | { id: number; type: 'flame'; flame: FlameGraph; ms: number }
  | { id: number; type: 'graph'; graph: TraceGraph; ms: number }
  | { id: number; type: 'compare'; result: ComparisonResult; ms: number }
  | { id: number; type: 'prepared'; ms: number }
  /** the worker no longer holds these traces: send them again */
  | { id: number; type: 'missing'; keys: string[] }
  | { id: number; type: 'error'; message: string }
