import { createRoot } from 'react-dom/client'
import { loadRuntimeConfig, usesSynthetic } from '../api/config'
import { createConsoleApiSource } from '../api/sources/console-api'
import { describeError } from '../api/errors'
import { initClockFromLocation } from '../lib/clock'
import { App } from './app'
import './styles/tokens.css'
import './styles/base.css'

function safeSessionStorage(): Storage | null {
  try {
    return window.sessionStorage
  } catch {
    return null
  }
}

/** Boot: runtime config → (synthetic backend, lazily) → data source → render. */
async function boot() {
  const rootEl = document.getElementById('root')
  if (!rootEl) throw new Error('index.html lacks the #root element.')
  const root = createRoot(rootEl)
  try {
    initClockFromLocation(window.location.search, safeSessionStorage())
    const config = await loadRuntimeConfig()
    if (usesSynthetic(config)) {
      // The synthetic backend (MSW + the generated world) is its own chunk: a deployment
      // configured for real backends never downloads it.
      const { startSyntheticBackend } = await import('../../mocks/browser')
      await startSyntheticBackend({ latencyMs: config.syntheticLatencyMs })
    }
    // Real-backend adapters (Jaeger, Tempo, Prometheus) are their own chunk too: the synthetic demo never loads them.
    const allSynthetic = config.traces.kind === 'synthetic' && config.metrics.kind === 'synthetic'
    const source = allSynthetic ? createConsoleApiSource() : (await import('../api/create-source')).createDataSource(config)
    root.render(<App source={source} config={config} />)
  } catch (e) {
    root.render(
      <div className="boot-error" role="alert">
        <h1>The console could not start</h1>
        <p>{describeError(e)}</p>
        <button type="button" className="btn btn-primary" onClick={() => window.location.reload()}>
          Reload
        </button>
      </div>,
    )
  }
}

void boot()
