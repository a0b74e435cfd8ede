import { createRoot } from 'react-dom/client'
import { loadRuntimeConfig, readStoredOverrides, usesSynthetic, writeOverrides } from '../api/config'
import { consoleApiSourceFor } from '../api/shell-source'
import { describeError } from '../api/errors'
import { createQueryClient } from '../api/query-client'
import { initClockFromLocation } from '../lib/clock'
import { setSyntheticWorld } from '../lib/synthetic-world'
import { checkAddressParams } from './address-params'
import { App } from './app'
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

/** Boot: runtime config → (synthetic backend, lazily) → data source → render; the first view's chunk and trace start meanwhile. */
async function boot() {
  const rootEl = document.getElementById('root')
  if (!rootEl) throw new Error('index.html lacks the #root element.')
  const root = createRoot(rootEl)
  startViewChunk(window.location.pathname)
  // the router starts loading the first view now, while the configuration loads; a trace asked
  // for meanwhile is read once that view is ready to show it
  const router = createAppRouter()
  const viewReady = routerReady(router)
  // the one hand-off from the page's first script (./boot/early-trace.ts), taken before anything else can
  const underWay = earlyTraceHandOff(window)
  try {
    initClockFromLocation(window.location.search, safeSessionStorage())
    checkAddressParams(window.location.search)
    const config = await loadRuntimeConfig()
    if (usesSynthetic(config)) {
      // The synthetic backend (MSW + the generated world) is its own chunk: a deployment
      // configured for real backends never downloads it.
      const { startSyntheticBackend } = await import('../../mocks/browser')
      setSyntheticWorld(await startSyntheticBackend({ latencyMs: config.syntheticLatencyMs }))
    }
    // Real-backend adapters (Jaeger, Tempo, Prometheus) are their own chunk too: a console API (synthetic or served) never loads them.
    const source = consoleApiSourceFor(config) ?? (await import('../api/create-source')).createDataSource(config)
    // a trace asked for at boot is read once the view that shows it is ready (the bytes wait in
    // the network buffer), and an early answer stands for the trace loader's own request
    const queryClient = createQueryClient({ underWay, readAfter: viewReady })
    prefetchFirstView(queryClient, source, window.location.pathname)
    await viewReady
    root.render(<App source={source} config={config} queryClient={queryClient} router={router} />)
  } catch (e) {
    root.render(
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
      </div>,
    )
  }
}

void boot()
