import type { TracePreview } from '../../domain/trace/preview'
import type { TraceTree } from '../../domain/trace/tree'
import type { TagFilter, TimeWindow, TraceQuery } from '../../domain/query'
import type { ErrorVolumes } from '../../domain/error-chain/volumes'
import type { StreamOptions } from '../http/ndjson'
import type { RequestWatch } from '../http/watch'
import type { BackendTraceWorker, StartTraceWorker } from '../trace-loading/backend/read-backend-trace'
import type { HandOverMessage } from '../trace-loading/files/trace-file-steps'
import type {
  Alert,
  ChangeEvent,
  Exemplar,
  LogLine,
  MetricName,
  MetricResult,
  Partiality,
  SampleTrace,
  ServiceSummary,
  Topology,
  Trace,
  TraceSearchResult,
} from '../../domain/model'

export type { TagFilter, TimeWindow, TraceQuery } from '../../domain/query'

export type TopologyGroupBy = 'service' | 'method' | 'cluster' | 'dc' | 'version'

export interface TopologyQuery extends TimeWindow {
  focus?: string
  /** 1–5 hops upstream of the focus */
  up?: number
  /** 1–5 hops downstream of the focus */
  down?: number
  groupBy?: TopologyGroupBy
}

export interface MetricQuery extends TimeWindow {
  metric: MetricName
  service: string
  operation?: string
  /** label filters, e.g. DC=dc-north */
  filters?: TagFilter[]
  /** one series per value of this label */
  groupBy?: string
  /** ms; default chosen by the source for ~300 points */
  step?: number
  /** one point summarising the whole window [from, to) (sources with `windowPercentiles`) */
  wholeWindow?: boolean
}

export interface ExemplarQuery extends TimeWindow {
  service: string
  operation?: string
  filters?: TagFilter[]
}

export interface EventQuery extends TimeWindow {
  service?: string
}

/** The error volumes of a window (and the same window yesterday), aggregated by the backend. */
export interface ErrorVolumeQuery extends TimeWindow {
  /** only chains whose path goes through this service */
  service?: string
  /** only requests that entered this DC */
  dc?: string
}

export interface LogQuery {
  traceId: string
  spanId?: string
}

/** What a source can answer; the UI says so where a capability is missing. */
export interface SourceCapabilities {
  traces: boolean
  topology: boolean
  metrics: boolean
  exemplars: boolean
  changes: boolean
  alerts: boolean
  logs: boolean
  /** the metrics queryMetrics answers; every MetricName when absent */
  metricNames?: readonly MetricName[]
  /** the groupings getTopology answers; every TopologyGroupBy when absent */
  topologyGroupBy?: readonly TopologyGroupBy[]
  /** how long the backend keeps traces, when it says (the synthetic world: 15 days); absent when unknown */
  traceRetentionDays?: number
  /** queryMetrics answers `wholeWindow` latency queries: the percentile of the window's merged histogram */
  windowPercentiles?: boolean
}

/** How much of a trace has arrived while it loads. */
export interface TraceLoadProgress {
  spans: number
  total: number
  /** the trace's own id, once known (a trace opened from a file is routed under another) */
  traceId?: string
  /** the first rows, when the source sends spans in the tree's order */
  preview?: TracePreview | null
  /** why the trace stopped arriving, in plain words (a trace opened from a file, whose page is already open) */
  failed?: string
}

/**
 * What the trace loader (src/api/trace-loading) gives a source loading a trace: where to report how
 * much has arrived (sources that can tell: the console API's stream, a file), and the options a
 * streamed answer is read with (an answer boot already asked for, when reading may start), and the
 * worker the answer is read in. Every source reads its trace answer with `readBackendTrace`
 * (src/api/trace-loading/backend; Jaeger and Tempo through `backendTrace` in src/api/backend-http.ts),
 * which hands the body to that worker as it arrives.
 */
export interface TraceLoadHooks {
  onProgress?: (p: TraceLoadProgress) => void
  stream?: Pick<StreamOptions, 'underWay' | 'readAfter'>
  /** starts the worker that reads a trace answer off the main thread (the console API's stream, Jaeger, Tempo) */
  startWorker?: StartTraceWorker
  /** takes a reader worker back after a read (kept for the next read when `reusable`, else stopped) */
  releaseWorker?: (worker: BackendTraceWorker, reusable: boolean) => void
  /** where a source whose reader built the trace's tree (a worker) hands it over, so the page does not build it again */
  onTree?: (trace: Trace, tree: TraceTree) => void
  /** each message of a reader worker's hand-over once the page has taken it (the trace views' worker is fed from them) */
  onHandOver?: (m: HandOverMessage) => void
}

/** Capabilities a source has in principle but that its backend turned out to lack, each with the reason in plain words. */
export type CapabilityGaps = Partial<Record<'metrics' | 'exemplars' | 'topology', string>>

/**
 * The seam between views and backends. Every source, synthetic included, returns domain types.
 * Every method honours the abort signal.
 */
export interface DataSource {
  readonly id: string
  /** the requests on their way to this source's backends (what the console is waiting for) */
  readonly requests?: RequestWatch
  /** shown in the shell's data source indicator, e.g. "Synthetic data" */
  readonly label: string
  readonly capabilities: SourceCapabilities
  getServices(q: TimeWindow, signal?: AbortSignal): Promise<ServiceSummary[]>
  searchTraces(q: TraceQuery, signal?: AbortSignal): Promise<TraceSearchResult>
  /** `load` is the trace loader's hooks (progress, how to read a streamed answer); see TraceLoadHooks */
  getTrace(traceId: string, signal?: AbortSignal, load?: TraceLoadHooks): Promise<Trace>
  getTopology(q: TopologyQuery, signal?: AbortSignal): Promise<Topology>
  queryMetrics(q: MetricQuery, signal?: AbortSignal): Promise<MetricResult>
  getMetricLabels(q: { service: string } & TimeWindow, signal?: AbortSignal): Promise<Record<string, string[]>>
  getExemplars(q: ExemplarQuery, signal?: AbortSignal): Promise<{ exemplars: Exemplar[]; partial: Partiality | null }>
  getChanges(q: EventQuery, signal?: AbortSignal): Promise<ChangeEvent[]>
  getAlerts(q: EventQuery, signal?: AbortSignal): Promise<Alert[]>
  getLogs(q: LogQuery, signal?: AbortSignal): Promise<LogLine[]>
  /** traces the backend offers as examples (the synthetic world's special traces); sources without any leave it out */
  getSampleTraces?(signal?: AbortSignal): Promise<SampleTrace[]>
  /** the services the metrics store has series for, with their served operations (else the trace source's list is used) */
  getMetricServices?(q: TimeWindow, signal?: AbortSignal): Promise<ServiceSummary[]>
  /** one service's operations, for sources whose service list comes without them (one request per chosen service, not per service) */
  getOperations?(service: string, q: TimeWindow, signal?: AbortSignal): Promise<ServiceSummary['operations']>
  /**
   * Error volumes per chain, origin and entry over every error trace of the window and of the same
   * window yesterday, computed where the data is. Sources whose backend cannot aggregate leave it
   * out, and /errors estimates the volumes from a sample of traces instead.
   */
  getErrorVolumes?(q: ErrorVolumeQuery, signal?: AbortSignal): Promise<ErrorVolumes>
  /** asks the backend what it really holds (e.g. Prometheus without exemplar storage); sources that cannot tell leave it out */
  checkCapabilities?(signal?: AbortSignal): Promise<CapabilityGaps>
}

export const tagParam = (tags: TagFilter[] | undefined): string[] | undefined =>
  tags?.map((t) => `${t.key}=${t.value}`)
