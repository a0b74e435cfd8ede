import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { traceQueries } from '../../../api/queries/traces'
import { useDataSource } from '../../../api/source-context'
import type { ServiceSummary } from '../../../domain/model'
import { useTimeWindow } from '../../../ui/time-range/use-time-window'
import { parseTagParams } from '../../../lib/links'
import type { CompareMode, PathsView } from '../lib/url'

const COMPARE_LABELS: Record<CompareMode, string> = { none: 'No comparison', slow: 'Slow (≥ p95) vs normal', yesterday: 'Today vs yesterday', dc: 'DC A vs DC B', tag: 'Tag value A vs B (e.g. Version)' }

/** Entry, conditions (the trace search's filter language) and the comparison. */
export function PathsFilters({ view, services, onChange }: { view: PathsView; services: ServiceSummary[]; onChange: (patch: Partial<PathsView>) => void }) {
  const svc = services.find((s) => s.name === view.service)
  const sources = view.mode === 'sources'
  // sources whose service list comes without operations (Jaeger, Tempo) are asked for the chosen service's
  const source = useDataSource()
  const { window } = useTimeWindow()
  const asked = useQuery(traceQueries.operations(source, view.service ?? '', window))
  // an entry is a served operation; traffic may arrive at any operation (a storage service's are client calls)
  const listed = [...(svc?.operations ?? []), ...(asked.data ?? [])].filter((o) => sources || o.kind === 'server' || o.kind === 'consumer').map((o) => o.name)
  // the operation the address names stays shown even when the source does not list it
  const ops = [...new Set([...listed, ...(view.operation ? [view.operation] : [])])].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0))
  const dcs = [...new Set(services.flatMap((s) => s.dcs))].sort()
  const [tagText, setTagText] = useState(view.tags.map((t) => `${t.key}=${t.value}`).join(' '))
  const [bText, setBText] = useState(view.b ?? '')
  return (
    <form className="paths-filters" onSubmit={(e) => (e.preventDefault(), onChange({ tags: parseTagParams(tagText.split(/\s+/)), b: bText || undefined }))}>
      <label>
        Analysis
        <select value={view.mode} onChange={(e) => onChange({ mode: e.target.value === 'sources' ? 'sources' : 'paths', compare: 'none', b: undefined })}>
          <option value="paths">Paths below an entry</option>
          <option value="sources">Traffic sources of a service</option>
        </select>
      </label>
      <label>
        {sources ? 'Service' : 'Entry service'}
        <select value={view.service ?? ''} onChange={(e) => onChange({ service: e.target.value || undefined, operation: undefined })}>
          <option value="">Choose…</option>
          {services.map((s) => (
            <option key={s.name} value={s.name}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Operation
        <select value={view.operation ?? ''} onChange={(e) => onChange({ operation: e.target.value || undefined })} disabled={!svc}>
          <option value="">{sources ? 'any' : 'Choose…'}</option>
          {ops.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      </label>
      <label>
        Tags
        <input value={tagText} onChange={(e) => setTagText(e.target.value)} placeholder="Version=v2.14.0 Cluster=…" />
      </label>
      <label>
        Status
        <select value={view.status ?? ''} onChange={(e) => onChange({ status: (e.target.value || undefined) as PathsView['status'] })}>
          <option value="">any</option>
          <option value="ok">ok</option>
          <option value="error">error</option>
        </select>
      </label>
      <label>
        DC
        <select value={view.dc ?? ''} onChange={(e) => onChange({ dc: e.target.value || undefined })}>
          <option value="">all</option>
          {dcs.map((d) => (
            <option key={d}>{d}</option>
          ))}
        </select>
      </label>
      {sources ? null : (
      <label>
        Compare
        <select value={view.compare} onChange={(e) => onChange({ compare: e.target.value as CompareMode })}>
          {(Object.keys(COMPARE_LABELS) as CompareMode[]).map((m) => (
            <option key={m} value={m}>
              {COMPARE_LABELS[m]}
            </option>
          ))}
        </select>
      </label>
      )}
      {view.compare === 'dc' ? (
        <label>
          DC B
          <select value={view.b ?? ''} onChange={(e) => onChange({ b: e.target.value || undefined })}>
            <option value="">Choose…</option>
            {dcs.map((d) => (
              <option key={d}>{d}</option>
            ))}
          </select>
        </label>
      ) : null}
      {view.compare === 'tag' ? (
        <label>
          B: tag
          <input value={bText} onChange={(e) => setBText(e.target.value)} placeholder="Version=v2.13.4" />
        </label>
      ) : null}
      <label>
        Traces
        <select value={view.size} onChange={(e) => onChange({ size: Number(e.target.value) })}>
          {[200, 500, 1000, 2000, 5000, 10000].map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="btn btn-small">
        Apply
      </button>
    </form>
  )
}
