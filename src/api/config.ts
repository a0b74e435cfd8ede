import { z } from 'zod'
import { fetchJson } from './http/request'
import { checkAuthHeader, checkBaseUrl } from './config-check'
import { deferred } from './schemas/deferred'

/**
 * Runtime configuration, read from `config.json` beside index.html, so one build serves
 * the synthetic demo and real deployments. A missing file means "synthetic everywhere".
 */
const SourceConfigSchema = deferred(() => z.object({
  kind: z.string(),
  baseUrl: z.string().optional(),
  /** e.g. "Bearer abc" or "Basic ..."; sent as the Authorization header */
  authHeader: z.string().optional(),
  /** Jaeger only: which query API to use; "auto" uses v3 (OTLP JSON) when the server has it */
  api: z.enum(['auto', 'v3', 'legacy']).optional(),
}).superRefine((c, ctx) => {
  // a base URL or header value that no request could use is refused where it is read
  const url = c.baseUrl === undefined ? null : checkBaseUrl(c.baseUrl)
  if (url) ctx.addIssue({ code: 'custom', path: ['baseUrl'], message: url })
  const auth = c.authHeader === undefined ? null : checkAuthHeader(c.authHeader)
  if (auth) ctx.addIssue({ code: 'custom', path: ['authHeader'], message: auth })
}))
export type SourceConfig = z.infer<typeof SourceConfigSchema>

export const RuntimeConfigSchema = deferred(() => z.object({
  traces: SourceConfigSchema.default({ kind: 'synthetic' }),
  metrics: SourceConfigSchema.default({ kind: 'synthetic' }),
  /** synthetic backend response delay in ms (realistic latency); default 120 */
  syntheticLatencyMs: z.number().nonnegative().optional(),
}))
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
    return await fetchJson(url, RuntimeConfigSchema, { source: 'configuration file (config.json)', silenceMs: 5000 })
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

/** Kinds a stored override may name (config.json may also name "console" for both). */
const OVERRIDE_KINDS = { traces: [...TRACE_KINDS, 'console'], metrics: [...METRICS_KINDS, 'console'] } as const

const OverridesSchema = deferred(() => z
  .object({
    traces: SourceConfigSchema.optional(),
    metrics: SourceConfigSchema.optional(),
  })
  .superRefine((o, ctx) => {
    for (const key of ['traces', 'metrics'] as const) {
      const kind = o[key]?.kind
      const allowed: readonly string[] = OVERRIDE_KINDS[key]
      if (kind !== undefined && !allowed.includes(kind))
        ctx.addIssue({ code: 'custom', path: [key, 'kind'], message: `"${kind}" is not a ${key === 'traces' ? 'trace' : 'metrics'} backend this console knows (${allowed.join(', ')})` })
    }
  }))
export type ConfigOverrides = z.infer<typeof OverridesSchema>

function safeLocalStorage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage
  } catch {
    return null
  }
}

export interface StoredOverrides {
  /** the overrides to apply: none when what is stored cannot be used */
  overrides: ConfigOverrides
  /** why what is stored was not used, in plain words; null when it was (or nothing is stored) */
  problem: string | null
  /** whether anything is stored at all (so "Use config.json again" has something to remove) */
  stored: boolean
}

/**
 * The overrides stored by the settings page, checked on read: an entry that is not JSON, names a
 * kind this console does not know, or holds a base URL or header no request could use is not
 * applied at all (config.json alone is used), and `problem` says why, so the console still starts
 * and Settings can show what is wrong.
 */
export function readStoredOverrides(storage: Storage | null = safeLocalStorage()): StoredOverrides {
  let raw: string | null
  try {
    raw = storage?.getItem(OVERRIDES_KEY) ?? null
  } catch {
    raw = null
  }
  if (!raw) return { overrides: {}, problem: null, stored: false }
  let json: unknown
  try {
    json = JSON.parse(raw)
  } catch {
    return { overrides: {}, problem: 'The settings saved in this browser are not readable (they are not JSON).', stored: true }
  }
  const parsed = OverridesSchema.safeParse(json)
  if (parsed.success) return { overrides: parsed.data, problem: null, stored: true }
  const issue = parsed.error.issues[0]
  const where = issue ? issue.path.map(String).join('.') : ''
  const what = issue?.code === 'invalid_type' ? `${issue.message.replace(/^Invalid input: /i, '')}` : (issue?.message ?? 'not readable')
  return { overrides: {}, problem: `The settings saved in this browser cannot be used: ${where ? `${where}: ` : ''}${what.replace(/\.$/, '')}.`, stored: true }
}

/** The overrides stored by the settings page; unusable entries count as none (see readStoredOverrides). */
export function readOverrides(storage: Storage | null = safeLocalStorage()): ConfigOverrides {
  return readStoredOverrides(storage).overrides
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
