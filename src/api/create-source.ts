import type { RuntimeConfig } from './config'
import { createConsoleApiSource } from './sources/console-api'
import type { DataSource } from './sources/data-source'

/** Builds the DataSource the views use from the runtime configuration. */
export function createDataSource(config: RuntimeConfig): DataSource {
  if (config.traces.kind === 'synthetic' && config.metrics.kind === 'synthetic') return createConsoleApiSource()
  if (config.traces.kind === 'console' || config.metrics.kind === 'console') {
    return createConsoleApiSource({ baseUrl: config.traces.baseUrl, label: 'Console API', id: 'console' })
  }
  throw new Error(
    `The configured data source "${config.traces.kind}" / "${config.metrics.kind}" is not supported by this build. Use "synthetic" or "console".`,
  )
}
