import type { BackendConn } from './backend-http'
import { RequestWatch } from './http/watch'
import type { RuntimeConfig, SourceConfig } from './config'
import { createConsoleApiSource } from './sources/console-api'
import { createCompositeSource } from './sources/composite'
import type { DataSource } from './sources/data-source'
import { createJaegerSource } from './sources/jaeger'
import { createPrometheusSource } from './sources/prometheus'
import { createTempoSource } from './sources/tempo'
import { consoleApiSourceFor } from './shell-source'

const BACKEND_NAMES: Record<string, string> = { jaeger: 'Jaeger', tempo: 'Tempo', prometheus: 'Prometheus' }

export const conn = (c: SourceConfig, watch?: RequestWatch): BackendConn => ({
  name: BACKEND_NAMES[c.kind] ?? c.kind,
  baseUrl: c.baseUrl ?? '',
  authHeader: c.authHeader || undefined,
  watch,
})

function unsupported(what: string, kind: string, allowed: string): Error {
  return new Error(`The configured ${what} data source "${kind}" is not supported by this build. Use ${allowed}.`)
}

function traceSource(c: SourceConfig, watch: RequestWatch): DataSource {
  switch (c.kind) {
    case 'synthetic':
      return createConsoleApiSource({ watch })
    case 'console':
      return createConsoleApiSource({ baseUrl: c.baseUrl, label: 'Console API', id: 'console', watch })
    case 'jaeger':
      return createJaegerSource(conn(c, watch), { api: c.api })
    case 'tempo':
      return createTempoSource(conn(c, watch))
    default:
      throw unsupported('trace', c.kind, '"synthetic", "jaeger" or "tempo"')
  }
}

/** With metrics "none": Tempo answers metrics itself (TraceQL metrics); otherwise there are none. */
function metricsSource(c: SourceConfig, traces: DataSource, watch: RequestWatch): DataSource | null {
  switch (c.kind) {
    case 'synthetic':
      return createConsoleApiSource({ watch })
    case 'console':
      return createConsoleApiSource({ baseUrl: c.baseUrl, label: 'Console API', id: 'console', watch })
    case 'prometheus':
      return createPrometheusSource(conn(c, watch))
    case 'none':
      return traces.capabilities.metrics ? traces : null
    default:
      throw unsupported('metrics', c.kind, '"synthetic", "prometheus" or "none"')
  }
}

/** Builds the DataSource the views use from the runtime configuration. */
export function createDataSource(config: RuntimeConfig): DataSource {
  const consoleApi = consoleApiSourceFor(config)
  if (consoleApi) return consoleApi
  // one watch for every backend: the console says what it waits for, whichever backend it is
  const watch = new RequestWatch()
  const traces = traceSource(config.traces, watch)
  return createCompositeSource({ traces, metrics: metricsSource(config.metrics, traces, watch) })
}
