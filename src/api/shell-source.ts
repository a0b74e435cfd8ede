import type { RuntimeConfig } from './config'
import { createConsoleApiSource } from './sources/console-api'
import type { DataSource } from './sources/data-source'

/**
 * The data source when every view talks to the console API (the synthetic world, or a console API
 * served for real): built from the shell alone, without the chunk of the real-backend adapters.
 * Null when an adapter (Jaeger, Tempo, Prometheus) is configured.
 */
export function consoleApiSourceFor(config: RuntimeConfig): DataSource | null {
  const { traces, metrics } = config
  if (traces.kind === 'synthetic' && metrics.kind === 'synthetic') return createConsoleApiSource()
  if (traces.kind === 'console' && (metrics.kind === 'console' || metrics.kind === 'synthetic'))
    return createConsoleApiSource({ baseUrl: traces.baseUrl, label: 'Console API', id: 'console' })
  return null
}
