import { useState } from 'react'
import type { FormEvent } from 'react'
import { useQuery } from '@tanstack/react-query'
import { loadFileConfig, readStoredOverrides, writeOverrides } from '../../../api/config'
import type { ConfigOverrides, SourceConfig } from '../../../api/config'
import { useDataSource } from '../../../api/source-context'
import { ErrorState, LoadingState } from '../../../ui/states'
import { EffectiveConfig } from '../components/effective-config'
import { DisplaySettings } from '../components/display-settings'
import { SourceFields, sourceProblems } from '../components/source-fields'
import '../settings.css'

const TRACE_KINDS = [
  { value: 'synthetic', label: 'Synthetic data' },
  { value: 'jaeger', label: 'Jaeger' },
  { value: 'tempo', label: 'Grafana Tempo' },
]
const METRICS_KINDS = [
  { value: 'synthetic', label: 'Synthetic data' },
  { value: 'prometheus', label: 'Prometheus (or Thanos, Mimir, Cortex)' },
  { value: 'none', label: 'None' },
]

const clean = (c: SourceConfig): SourceConfig => ({
  kind: c.kind,
  ...(c.kind !== 'synthetic' && c.kind !== 'none' && c.baseUrl ? { baseUrl: c.baseUrl.trim() } : {}),
  ...(c.kind !== 'synthetic' && c.kind !== 'none' && c.authHeader ? { authHeader: c.authHeader } : {}),
  ...(c.kind === 'jaeger' && c.api && c.api !== 'auto' ? { api: c.api } : {}),
})

/** /settings: the data sources in use, and overrides stored in this browser (applied on reload). */
export function SettingsRoute() {
  const source = useDataSource()
  const file = useQuery({ queryKey: ['settings', 'config-file'], queryFn: () => loadFileConfig(), staleTime: Infinity })
  // what the backends really hold (a failure to ask leaves the declared capabilities as they are)
  const gaps = useQuery({
    queryKey: ['settings', 'capability-gaps', source.id],
    queryFn: ({ signal }) => source.checkCapabilities?.(signal) ?? Promise.resolve({}),
    staleTime: 60_000,
    retry: false,
  })
  const [stored] = useState(() => readStoredOverrides())
  const overrides: ConfigOverrides = stored.overrides
  const [draft, setDraft] = useState<ConfigOverrides | null>(null)

  if (file.isPending) return <section className="page"><h1>Settings</h1><LoadingState label="Reading config.json…" /></section>
  if (file.isError)
    return (
      <section className="page">
        <h1>Settings</h1>
        <ErrorState title="config.json could not be read" error={file.error} onRetry={() => void file.refetch()} />
      </section>
    )

  const current = draft ?? { traces: overrides.traces ?? file.data.traces, metrics: overrides.metrics ?? file.data.metrics }
  const traces = current.traces ?? file.data.traces
  const metrics = current.metrics ?? file.data.metrics
  const invalid = [sourceProblems(traces), sourceProblems(metrics)].some((p) => p.baseUrl || p.authHeader)
  const save = (e: FormEvent) => {
    e.preventDefault()
    if (invalid) return
    const next: ConfigOverrides = {}
    const t = clean(traces)
    const m = clean(metrics)
    if (JSON.stringify(t) !== JSON.stringify(clean(file.data.traces))) next.traces = t
    if (JSON.stringify(m) !== JSON.stringify(clean(file.data.metrics))) next.metrics = m
    writeOverrides(next)
    window.location.reload()
  }
  const reset = () => {
    writeOverrides({})
    window.location.reload()
  }

  return (
    <section className="page settings-page">
      <h1>Settings</h1>
      {stored.problem ? (
        <div className="state state-error settings-problem" role="alert" data-testid="settings-problem">
          <strong>The settings saved in this browser are not used</strong>
          <p>{stored.problem} The console runs on config.json until they are removed or saved again.</p>
          <button type="button" className="btn btn-primary" onClick={reset}>
            Use config.json again
          </button>
        </div>
      ) : null}
      <DisplaySettings />
      <EffectiveConfig source={source} file={file.data} overrides={overrides} gaps={gaps.data ?? {}} checking={gaps.isPending} />
      <form className="settings-form" onSubmit={save} aria-labelledby="settings-form-title">
        <h2 id="settings-form-title">Data sources for this browser</h2>
        <p className="muted">
          The deployment&rsquo;s <code>config.json</code> sets the defaults. What you save here overrides them in this browser only and
          applies after a reload. Backends on another origin must allow this page (CORS); see docs/data-sources.md.
        </p>
        <div className="settings-columns">
          <SourceFields legend="Traces" id="traces" kinds={TRACE_KINDS} value={traces} onChange={(t) => setDraft({ ...current, traces: t })} />
          <SourceFields legend="Metrics and topology" id="metrics" kinds={METRICS_KINDS} value={metrics} onChange={(m) => setDraft({ ...current, metrics: m })} />
        </div>
        <div className="settings-actions">
          <button type="submit" className="btn btn-primary" disabled={invalid} title={invalid ? 'Fix the fields marked above first' : undefined}>
            Save and reload
          </button>
          <button type="button" className="btn" onClick={reset} disabled={!stored.stored}>
            Use config.json again
          </button>
        </div>
      </form>
    </section>
  )
}
