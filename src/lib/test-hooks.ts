import type { Core } from 'cytoscape'
import type { EChartsType } from 'echarts/core'

/**
 * Every hook the console leaves on `window` for end-to-end tests and benchmarks, in one place.
 * They exist only while the synthetic backend runs (mocks/browser.ts sets `__tracelensMock` and
 * the chart registry) or when a test or benchmark set `__tracelensTestHooks` before the console
 * booted (to reach them against a real backend); a production page against real backends has none.
 *
 * The console writes them only through the functions below; e2e specs read them through
 * `e2e/support/hooks.ts`, which takes its types from here. The one other window global is the boot
 * hand-off of the early trace request (src/app/boot/early-trace.ts), which is not a test hook.
 */

/** The graph view's counters (src/ui/graph/graph-view.tsx). */
export interface GraphStats {
  layouts: number
  /** ms of main thread of the last full layout and drawing (a layout computed in the worker not included) */
  lastLayoutMs: number
  /** ms from asking the layout worker to having the positions (0 when computed on the main thread) */
  lastWorkerLayoutMs: number
  /** ms of main thread of the last incremental update */
  lastUpdateMs: number
  /** a big graph is being added over several frames */
  drawing: boolean
}

/** The topology traffic animation's counters (src/ui/graph/traffic-overlay.tsx). */
export interface TrafficStats {
  frames: number
  /** main-thread ms per drawn frame: mean and worst since mount, and mean of the last 250 ms */
  meanFrameMs: number
  maxFrameMs: number
  recentFrameMs: number
  /** ms of the last 240 frames, oldest first (for percentiles) */
  lastFrames: number[]
  /** ms of the first full read of the edges' shapes */
  geometryMs: number
  dots: number
  redDots: number
  /** edges with dots this frame */
  edges: number
  /** dots and red dots per edge id, of the last frame */
  perEdge: Record<string, { dots: number; red: number }>
}

/** One frame the flame graph drew, in CSS px within its canvas (src/ui/flame/flame-canvas.tsx). */
export interface FlameFrameHook {
  label: string
  x: number
  y: number
  w: number
  errors: number
}

/** A failure the synthetic backend plays (mocks/control.ts). */
export interface FaultHook {
  /** path prefix under the origin, e.g. "/api/v1/topology" */
  path: string
  status: number
  message?: string
  /** how many requests fail before the fault clears; Infinity for a lasting fault */
  times: number
  /** answer after this many ms instead of failing at once (to play timeouts) */
  hangMs?: number
}

/** An answer the synthetic backend gives in place of the world's (mocks/control.ts). */
export interface AnswerHook {
  path: string
  body: unknown
  times: number
}

/** The synthetic backend's controls (mocks/browser.ts). */
export interface MockHooks {
  injectFault: (fault: FaultHook) => void
  injectAnswer: (answer: AnswerHook) => void
  clearFaults: () => void
  setLatency: (ms: number) => void
  /** the latency and faults in force */
  scenario: { latencyMs: number; faults: FaultHook[]; answers: AnswerHook[] }
  /** whether the synthetic backend answers the page's requests yet (the page is drawn before it does) */
  ready: () => boolean
  /** benchmarks: ms to generate and to serialise a trace in the world worker, apart from delivery */
  timeTrace: (traceId: string) => Promise<{ generateMs: number; serialiseMs: number; spans: number; chars: number } | null>
}

declare global {
  interface Window {
    /** the synthetic backend's controls; present only while it runs */
    __tracelensMock?: MockHooks
    /** chart instances by test id (src/ui/chart/echart.tsx registers them while the registry exists) */
    __tracelensCharts?: Map<string, EChartsType>
    /** set by a test or benchmark before the console boots, to reach the hooks against a real backend */
    __tracelensTestHooks?: boolean
    /** the graph view's Cytoscape instance on screen */
    __tracelensGraph?: Core
    __tracelensGraphStats?: GraphStats
    __tracelensTraffic?: TrafficStats
    __tracelensFlame?: FlameFrameHook[]
  }
}

/** The hooks as a reader sees them: the window properties above. */
export type TestHooks = Pick<Window, '__tracelensMock' | '__tracelensCharts' | '__tracelensTestHooks' | '__tracelensGraph' | '__tracelensGraphStats' | '__tracelensTraffic' | '__tracelensFlame'>

/** Whether this page exposes hooks at all (synthetic backend, or a test asked before boot). */
export function hooksEnabled(): boolean {
  return typeof window !== 'undefined' && Boolean(window.__tracelensMock || window.__tracelensTestHooks)
}

/** The synthetic backend's boot: its controls and an empty chart registry. */
export function exposeMockHooks(control: MockHooks): void {
  window.__tracelensMock = control
  window.__tracelensCharts = new Map()
}

/** The chart registry, when the page keeps one. */
export function chartRegistry(): Map<string, EChartsType> | undefined {
  return typeof window === 'undefined' ? undefined : window.__tracelensCharts
}

/** Exposes the graph on screen and its counters (the stats object is live: later changes show). */
export function exposeGraph(cy: Core, stats: GraphStats): void {
  if (!hooksEnabled()) return
  window.__tracelensGraph = cy
  window.__tracelensGraphStats = stats
}

/** Withdraws the graph, unless another graph replaced it meanwhile. */
export function withdrawGraph(cy: Core): void {
  if (typeof window !== 'undefined' && window.__tracelensGraph === cy) delete window.__tracelensGraph
}

/** Publishes the traffic animation's counters. */
export function exposeTraffic(stats: TrafficStats): void {
  if (hooksEnabled()) window.__tracelensTraffic = stats
}

/** Withdraws the traffic counters, unless another animation replaced them. */
export function withdrawTraffic(stats: TrafficStats): void {
  if (typeof window !== 'undefined' && window.__tracelensTraffic === stats) delete window.__tracelensTraffic
}

/** Publishes the flame graph's drawn frames; `frames` is called only when hooks are on. */
export function exposeFlame(frames: () => FlameFrameHook[]): void {
  if (hooksEnabled()) window.__tracelensFlame = frames()
}
