/** Messages between the errors page and its analysis worker. */
import type { AggregateOptions, ChainAggregate } from '../../../domain/error-chain/aggregate'
import type { SampleDesign } from '../../../domain/error-chain/estimate'
import type { TraceDigest } from '../../../domain/error-chain/digest'
import type { Trace } from '../../../domain/model'

export type AnalyzerRequest =
  | { id: number; type: 'digest'; traces: Trace[] }
  | {
      id: number
      type: 'aggregate'
      current: TraceDigest[]
      baseline: TraceDigest[]
      currentInfo: SampleDesign
      baselineInfo: SampleDesign
      opts: AggregateOptions
    }

export type AnalyzerResponse =
  /** `ms`: time spent computing in the worker */
  | { id: number; type: 'digest'; digests: TraceDigest[]; ms: number }
  | { id: number; type: 'aggregate'; result: ChainAggregate; ms: number }
  | { id: number; type: 'error'; message: string }
