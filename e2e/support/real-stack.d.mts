import type { Page } from '@playwright/test'

export interface RealStackPorts {
  jaegerHttp: number
  jaegerGrpc: number
  jaegerOtlp: number
  jaegerHealth: number
  otlpGrpc: number
  otlpHttp: number
  collectorMetrics: number
  prometheus: number
}

export type StoryTrace = 'checkoutOk' | 'errorChain' | 'swallowed' | 'asyncFailure' | 'big'

export interface RealStackManifest {
  traces: Record<StoryTrace, string>
  bigTraceSpans: number
  steady: { checkoutsPerSecond: number; productViewsPerSecond: number; checkoutFailsEvery: number; recommendationsFailEvery: number }
  /** per service, per second under the steady load: spans served (server and consumer) and of those failing */
  steadyRates: Record<string, { served: number; failing: number }>
  /** service → span name → span kind */
  world: Record<string, Record<string, 'server' | 'client' | 'producer' | 'consumer' | 'internal'>>
  /** the service-graph edges the traffic makes (type '' for plain calls, as the connector writes it) */
  edges: { client: string; server: string; type: '' | 'database' | 'messaging_system' | 'virtual_node' }[]
  storySentAt: string
}

/** Written by the setup project; `skip` is null when the servers run. */
export type RealStack =
  | { skip: string }
  | {
      skip: null
      base: number
      ports: RealStackPorts
      jaegerUrl: string
      promUrl: string
      collectorOtlpHttp: string
      dir: string
      manifest: RealStackManifest
      startedAt: string
    }

export function realStackPortBase(): number
export function realStackPorts(base?: number): RealStackPorts
/** null when every server can run (building the binaries if needed), else why not. */
export function ensureRealServers(opts?: { build?: boolean }): string | null
export function startRealStack(opts?: { base?: number; skip?: string | null }): Promise<RealStack>
export function stopRealStack(base?: number): Promise<void>
export function realStack(base?: number): RealStack
export function pointConsoleAt(page: Page, opts?: { jaegerApi?: 'auto' | 'v3' | 'legacy'; metrics?: 'prometheus' | 'none' }): Promise<void>
