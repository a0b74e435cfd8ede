export interface PrometheusStack {
  promUrl: string
  t0: number
  exemplarTime: number
  stop(): Promise<void>
}
/** Why the integration test cannot run here, or null when it can. */
export function prometheusMissing(): string | null
export function startPrometheusStack(opts: { promPort: number; exporterPort: number }): Promise<PrometheusStack>
export const PROMETHEUS: string
/** Prometheus's arguments for the tests: loopback only, its own storage, exemplar storage on. */
export function prometheusArgs(opts: { config: string; storage: string; port: number }): string[]
