import { z } from 'zod'
import { fetchJson } from './http/request'

/**
 * Runtime configuration, read from `config.json` beside index.html, so one build serves
 * the synthetic demo and real deployments. A missing file means "synthetic everywhere".
 */
const SourceConfigSchema = z.object({
  kind: z.string(),
  baseUrl: z.string().optional(),
  /** e.g. "Bearer abc" or "Basic ..."; sent as the Authorization header */
  authHeader: z.string().optional(),
  /** Jaeger only: which query API to use; "auto" uses v3 (OTLP JSON) when the server has it */
  api: z.enum(['auto', 'v3', 'legacy']).optional(),
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

/**
 * Loads config.json (a missing file (404) gives the default; other failures are thrown in plain words)
 * and applies the overrides stored by the settings page.
 */
export async function loadRuntimeConfig(url = '/config.json', storage: Storage | null = safeLocalStorage()): Promise<RuntimeConfig> {
  return applyOverrides(await loadRuntimeConfigFile(url), readOverrides(storage))
}

async function loadRuntimeConfigFile(url: string): Promise<RuntimeConfig> {
  try {
    return await fetchJson(url, RuntimeConfigSchema, { source: 'configuration file (config.json)', timeoutMs: 5000 })
  } catch (e) {
    if (e instanceof Error && 'status' in e && (e as { status: number | null }).status === 404) return DEFAULT_CONFIG
    throw e
  }
}

/** Kinds a deployment can choose; "none" leaves metrics out (topology then comes from the trace backend if it can). */
export const TRACE_KINDS = ['synthetic', 'jaeger', 'tempo'] as const
export const METRICS_KINDS = ['synthetic', 'prometheus', 'none'] as const
export type TraceKind = (typeof TRACE_KINDS)[number]
export type MetricsKind = (typeof METRICS_KINDS)[number]

/** Where the settings page keeps its overrides (applied on the next load). */
export const OVERRIDES_KEY = 'tracelens.config.overrides'

const OverridesSchema = z.object({
  traces: SourceConfigSchema.optional(),
  metrics: SourceConfigSchema.optional(),
})
export type ConfigOverrides = z.infer<typeof OverridesSchema>

function safeLocalStorage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage
  } catch {
    return null
  }
}

/** The overrides stored by the settings page; unreadable entries count as none. */
export function readOverrides(storage: Storage | null = safeLocalStorage()): ConfigOverrides {
  const raw = storage?.getItem(OVERRIDES_KEY)
  if (!raw) return {}
  try {
    const parsed = OverridesSchema.safeParse(JSON.parse(raw))
    return parsed.success ? parsed.data : {}
  } catch {
    return {}
  }
}

export function writeOverrides(o: ConfigOverrides, storage: Storage | null = safeLocalStorage()): void {
  if (!storage) return
  if (!o.traces && !o.metrics) storage.removeItem(OVERRIDES_KEY)
  else storage.setItem(OVERRIDES_KEY, JSON.stringify(o))
}

/** The file's configuration with the stored overrides on top (each kind replaced as a whole). */
export function applyOverrides(file: RuntimeConfig, o: ConfigOverrides): RuntimeConfig {
  return { ...file, traces: o.traces ?? file.traces, metrics: o.metrics ?? file.metrics }
}

/** config.json alone, without overrides (the settings page shows both). */
export const loadFileConfig = (url = '/config.json'): Promise<RuntimeConfig> => loadRuntimeConfigFile(url)
