import { setupWorker } from 'msw/browser'
import { clearFaults, injectFault, scenario, setLatency } from './control'
import type { Fault } from './control'
import { handlers } from './handlers'
import { setLiveAnchor } from './synthetic/incidents'
import { buildTrace } from './synthetic/trace'
import { MAX_SCALE, setWorldScale } from './synthetic/world'

const SCALE_KEY = 'tracelens.worldScale'
const ANCHOR_KEY = 'tracelens.worldAnchor'

/**
 * World knobs read at boot and kept for the tab's session (like `?now=`): `?scale=<n>` services
 * (up to 1,000), and the minute the world first ran, so incidents and trace ids survive reloads.
 */
function initWorldKnobs(params: URLSearchParams, storage: Storage | null): void {
  const rawScale = params.get('scale') ?? storage?.getItem(SCALE_KEY) ?? null
  if (rawScale !== null && /^\d+$/.test(rawScale)) {
    const scale = Math.min(MAX_SCALE, Number(rawScale))
    storage?.setItem(SCALE_KEY, String(scale))
    setWorldScale(scale)
  }
  const saved = Number(storage?.getItem(ANCHOR_KEY) ?? NaN)
  const anchor = Number.isFinite(saved) && saved > 0 ? saved : Date.now()
  storage?.setItem(ANCHOR_KEY, String(anchor))
  setLiveAnchor(anchor)
}

function sessionStore(): Storage | null {
  try {
    return window.sessionStorage
  } catch {
    return null
  }
}

export interface MockControl {
  injectFault: (fault: Fault) => void
  clearFaults: () => void
  setLatency: (ms: number) => void
  scenario: typeof scenario
  /** Benchmarks: time to generate and to serialise a trace on this thread, apart from delivery. */
  timeTrace: (traceId: string) => { generateMs: number; serialiseMs: number; spans: number; chars: number } | null
}

function timeTrace(traceId: string): ReturnType<MockControl['timeTrace']> {
  const t0 = performance.now()
  const trace = buildTrace(traceId)
  const t1 = performance.now()
  if (!trace) return null
  const chars = JSON.stringify({ trace }).length
  return { generateMs: t1 - t0, serialiseMs: performance.now() - t1, spans: trace.spans.length, chars }
}

declare global {
  interface Window {
    __tracelensMock?: MockControl
    __tracelensCharts?: Map<string, unknown>
  }
}

/**
 * Starts the synthetic backend in the browser. MSW's handlers run on the page's main thread
 * (the service worker only forwards requests), so the world keeps them cheap.
 */
export async function startSyntheticBackend(opts: { latencyMs?: number } = {}): Promise<void> {
  const worker = setupWorker(...handlers)
  setLatency(opts.latencyMs ?? 120)
  const params = new URLSearchParams(window.location.search)
  const latency = params.get('latency')
  if (latency !== null && /^\d+$/.test(latency)) setLatency(Number(latency))
  initWorldKnobs(params, sessionStore())
  // Test hooks: fault injection and chart instances, only present with the synthetic backend.
  window.__tracelensMock = { injectFault, clearFaults, setLatency, scenario, timeTrace }
  window.__tracelensCharts = new Map()
  await worker.start({ onUnhandledRequest: 'bypass', quiet: true, serviceWorker: { url: '/mockServiceWorker.js' } })
  await untilControlled()
}

/**
 * On a tab's first visit the page may not be controlled by the freshly activated worker yet;
 * requests sent before it is would reach the static server instead of the synthetic backend.
 */
async function untilControlled(timeoutMs = 3000): Promise<void> {
  if (!('serviceWorker' in navigator) || navigator.serviceWorker.controller) return
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, timeoutMs)
    navigator.serviceWorker.addEventListener(
      'controllerchange',
      () => {
        clearTimeout(timer)
        resolve()
      },
      { once: true },
    )
  })
}
