import { setupWorker } from 'msw/browser'
import { clearFaults, injectFault, scenario, setLatency } from './control'
import type { Fault } from './control'
import { handlers } from './handlers'

export interface MockControl {
  injectFault: (fault: Fault) => void
  clearFaults: () => void
  setLatency: (ms: number) => void
  scenario: typeof scenario
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
  // Test hooks: fault injection and chart instances, only present with the synthetic backend.
  window.__tracelensMock = { injectFault, clearFaults, setLatency, scenario }
  window.__tracelensCharts = new Map()
  await worker.start({ onUnhandledRequest: 'bypass', quiet: true, serviceWorker: { url: '/mockServiceWorker.js' } })
}
