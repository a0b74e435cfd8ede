/**
 * Messages between the paths page and its analysis worker. The digests stay in the worker, kept
 * per analysis (`session`): the page sends traces and asks for aggregates, so nothing large is
 * cloned back to the page and again to the worker. Traces travel packed (`SlimTrace`: what the
 * analyses read, as columns whose buffers are moved, not copied): copying 25 traces of 50 spans
 * as objects cost the page's main thread tens of milliseconds and the worker as long again.
 */
import type { SampleDesign } from '../../../domain/error-chain/estimate'
import type { PathAggregate } from '../../../domain/paths/aggregate'
import type { PathEntry } from '../../../domain/paths/digest'
import type { SourcesAggregate, SourceTarget } from '../../../domain/paths/sources'
import type { SlimTrace } from '../../../domain/trace/slim-trace'

export type PathsRequest =
  /** digest `traces` (drawn from time slices `strata`, one per trace) and keep them in `session` */
  | { id: number; type: 'digest'; session: string; traces: SlimTrace[]; strata: number[]; entry: PathEntry }
  | { id: number; type: 'aggregate'; session: string; design: SampleDesign; window: { from: number; to: number }; entry: PathEntry }
  /** traffic sources: digest `traces` for the calls arriving at `target` */
  | { id: number; type: 'digest-sources'; session: string; traces: SlimTrace[]; strata: number[]; target: SourceTarget }
  | { id: number; type: 'aggregate-sources'; session: string; design: SampleDesign; window: { from: number; to: number }; target: SourceTarget }
  | { id: number; type: 'drop'; session: string }

export type PathsResponse =
  /** `ms`: the worker's time on the request, from reading the message (unpacking included) to the answer; `kept`: digests the session holds */
  | { id: number; type: 'digest'; kept: number; ms: number }
  | { id: number; type: 'aggregate'; result: PathAggregate; ms: number }
  | { id: number; type: 'aggregate-sources'; result: SourcesAggregate; ms: number }
  | { id: number; type: 'drop' }
  | { id: number; type: 'error'; message: string }
