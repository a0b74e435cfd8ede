import { z } from 'zod'
import { fetchJson } from './client'

/**
 * Runtime configuration, read from `config.json` beside index.html, so one build serves
 * the synthetic demo and real deployments. A missing file means "synthetic everywhere".
 */
const SourceConfigSchema = z.object({
  kind: z.string(),
  baseUrl: z.string().optional(),
  /** e.g. "Bearer abc" or "Basic ..."; sent as the Authorization header */
  authHeader: z.string().optional(),
})
export type SourceConfig = z.infer<typeof SourceConfigSchema>

export const RuntimeConfigSchema = z.object({
  traces: SourceConfigSchema.default({ kind: 'synthetic' }),
  metrics: SourceConfigSchema.default({ kind: 'synthetic' }),
  /** synthetic backend response delay in ms (realistic latency); default 120 */
  syntheticLatencyMs: z.number().nonnegative().optional(),
})
export type RuntimeConfig = z.infer<typeof RuntimeConfigSchema>

export const DEFAULT_CONFIG: RuntimeConfig = { traces: { kind: 'synthetic' }, metrics: { kind: 'synthetic' } }

export function usesSynthetic(config: RuntimeConfig): boolean {
  return config.traces.kind === 'synthetic' || config.metrics.kind === 'synthetic'
}

/** Loads config.json; a missing file (404) gives the default. Other failures are thrown in plain words. */
export async function loadRuntimeConfig(url = '/config.json'): Promise<RuntimeConfig> {
  try {
    return await fetchJson(url, RuntimeConfigSchema, { source: 'configuration file (config.json)', timeoutMs: 5000 })
  } catch (e) {
    if (e instanceof Error && 'status' in e && (e as { status: number | null }).status === 404) return DEFAULT_CONFIG
    throw e
  }
}
