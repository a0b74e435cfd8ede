/** Messages between the trace views and their analysis worker (./analysis.worker.ts). */
import type { FlameGraph, FlameGroup } from '../../../../domain/trace/flame'
import type { SlimTrace } from '../../../../domain/trace/slim-trace'
import type { TraceGraph, TraceGraphGroup } from '../../../../domain/trace/trace-graph'
import type { ComparisonResult } from './compute'

/**
 * A trace the worker may already hold (`key`); the trace is sent only when it does not, packed
 * (slimTrace: what the analyses read, as columns moved rather than copied).
 */
export interface TraceRef {
  key: string
  adjustSkew: boolean
  slim?: SlimTrace
}

export type AnalysisRequest =
  | { id: number; type: 'flame'; ref: TraceRef; group: FlameGroup }
  | { id: number; type: 'graph'; ref: TraceRef; group: TraceGraphGroup }
  | { id: number; type: 'compare'; a: TraceRef; b: TraceRef }
  /** take the trace and build its tree and per-span figures now, ahead of a view asking for them */
  | { id: number; type: 'prepare'; ref: TraceRef }

export type AnalysisResponse =
  | { id: number; type: 'flame'; flame: FlameGraph; ms: number }
  | { id: number; type: 'graph'; graph: TraceGraph; ms: number }
  | { id: number; type: 'compare'; result: ComparisonResult; ms: number }
  | { id: number; type: 'prepared'; ms: number }
  /** the worker no longer holds these traces: send them again */
  | { id: number; type: 'missing'; keys: string[] }
  | { id: number; type: 'error'; message: string }
