/** Messages between the paths page and its analysis worker. */
import type { SampleDesign } from '../../domain/error-chain/estimate'
import type { PathAggregate } from '../../domain/paths/aggregate'
import type { PathDigest, PathEntry } from '../../domain/paths/digest'
import type { Trace } from '../../domain/model'

export type PathsRequest =
  | { id: number; type: 'digest'; traces: Trace[]; entry: PathEntry }
  | { id: number; type: 'aggregate'; digests: PathDigest[]; design: SampleDesign; window: { from: number; to: number }; entry: PathEntry }

export type PathsResponse =
  /** `ms`: time spent computing in the worker */
  | { id: number; type: 'digest'; digests: PathDigest[]; ms: number }
  | { id: number; type: 'aggregate'; result: PathAggregate; ms: number }
  | { id: number; type: 'error'; message: string }
