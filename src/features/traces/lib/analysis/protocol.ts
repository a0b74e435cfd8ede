/** Messages between the trace views and their analysis worker (./analysis.worker.ts). */
import type { Trace } from '../../../../domain/model'
import type { FlameGraph, FlameGroup } from '../../../../domain/trace/flame'
import type { TraceGraph, TraceGraphGroup } from '../../../../domain/trace/trace-graph'
import type { ComparisonResult } from './compute'

/** A trace the worker may already hold (`key`); `trace` is sent only when it does not. */
export interface TraceRef {
  key: string
  adjustSkew: boolean
  trace?: Trace
}

export type AnalysisRequest =
  | { id: number; type: 'flame'; ref: TraceRef; group: FlameGroup }
  | { id: number; type: 'graph'; ref: TraceRef; group: TraceGraphGroup }
  | { id: number; type: 'compare'; a: TraceRef; b: TraceRef }

export type AnalysisResponse =
  | { id: number; type: 'flame'; flame: FlameGraph; ms: number }
  | { id: number; type: 'graph'; graph: TraceGraph; ms: number }
  | { id: number; type: 'compare'; result: ComparisonResult; ms: number }
  /** the worker no longer holds these traces: send them again */
  | { id: number; type: 'missing'; keys: string[] }
  | { id: number; type: 'error'; message: string }
