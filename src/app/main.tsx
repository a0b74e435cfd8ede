import { createRoot } from 'react-dom/client'
import { loadRuntimeConfig, readStoredOverrides, usesSynthetic, writeOverrides } from '../api/config'
import { consoleApiSourceFor } from '../api/shell-source'
import { describeError } from '../api/errors'
import { createQueryClient } from '../api/query-client'
import { initClockFromLocation } from '../lib/clock'
import { noteSyntheticBackendStarting, setSyntheticWorld } from '../lib/synthetic-world'
import { checkAddressParams } from './address-params'
import { App } from './app'
import { afterBackendReady } from './boot/backend-ready'
import { earlyTraceHandOff } from './boot/early-answer'
import { prefetchFirstView, startViewChunk } from './boot/early-start'
import { createAppRouter, routerReady } from './router'
import './styles/tokens.css'
import './styles/base.css'

function safeSessionStorage(): Storage | null {
  try {
    return window.sessionStorage
  } catch {
    return null
  }
}

/** What boot shows when the console cannot start: the reason in plain words, Reload, and the way back from a stored override. */
function bootFailure(e: unknown) {
  return (
    <div className="boot-error" role="alert">
      <h1>The console could not start</h1>
      <p>{describeError(e)}</p>
      <button type="button" className="btn btn-primary" onClick={() => window.location.reload()}>
        Reload
      </button>
      {readStoredOverrides().stored ? (
        <button
          type="button"
          className="btn"
          onClick={() => {
            writeOverrides({})
            window.location.reload()
          }}
        >
          Use config.json again
        </button>
      ) : null}
    </div>
  )
}

/**
 * Boot: runtime config → data source → render; the first view's chunk and trace start meanwhile.
 * With the synthetic backend, MSW's page side and the world's workers start beside the render:
 * the page is drawn without waiting for them, and every request waits until MSW's service worker
 * controls the page (`afterBackendReady`), so none reaches the static server instead.
 */
async function boot() {
  const rootEl = document.getElementById('root')
  if (!rootEl) throw new Error('index.html lacks the #root element.')
  const root = createRoot(rootEl)
  let failed = false
  const fail = (e: unknown) => {
    failed = true
    root.render(bootFailure(e))
  }
  startViewChunk(window.location.pathname)
  // the router starts loading the first view now, while the configuration loads; a trace asked
  // for meanwhile is read once that view is ready to show it
  const router = createAppRouter()
  const viewReady = routerReady(router)
  // the one hand-off from the page's first script (./boot/early-trace.ts), taken before anything else can
  const early = earlyTraceHandOff(window)
  try {
    initClockFromLocation(window.location.search, safeSessionStorage())
    checkAddressParams(window.location.search)
    const config = await loadRuntimeConfig()
    // The synthetic backend (MSW + the generated world) is its own chunk: a deployment configured
    // for real backends never downloads it. A failure to start it replaces the page with the reason.
    const backend = usesSynthetic(config)
      ? import('../../mocks/browser')
          .then(({ startSyntheticBackend }) => startSyntheticBackend({ latencyMs: config.syntheticLatencyMs }))
          .then(setSyntheticWorld)
      : null
    backend?.catch(fail)
    if (backend) noteSyntheticBackendStarting(backend)
    // Real-backend adapters (Jaeger, Tempo, Prometheus) are their own chunk too: a console API (synthetic or served) never loads them.
    const direct = consoleApiSourceFor(config) ?? (await import('../api/create-source')).createDataSource(config)
    const source = backend ? afterBackendReady(direct, backend) : direct
    // a trace asked for at boot is read once the view that shows it is ready (the bytes wait in
    // the network buffer), and an early answer stands for the trace loader's own request
    const queryClient = createQueryClient({ underWay: early?.underWay, readAfter: viewReady, reader: early?.reader })
    prefetchFirstView(queryClient, source, window.location.pathname)
    await viewReady
    if (!failed) root.render(<App source={source} config={config} queryClient={queryClient} router={router} />)
  } catch (e) {
    fail(e)
  }
}

void boot()
