import { useId, useState } from 'react'
import type { ServiceSummary } from '../../../domain/model'
import { isolateText } from '../../../lib/format'
import type { TagParam } from '../../../lib/links'
import { LATENCY_METRICS, percentileLabel } from '../../../domain/metrics/metric-info'
import type { LatencyMetric } from '../../../domain/metrics/metric-info'
import { ownValue } from '../../../lib/records'

export interface MetricsControlsProps {
  services: ServiceSummary[]
  service: string
  operation: string | null
  filters: TagParam[]
  groupBy: string | null
  pct: LatencyMetric
  /** label → values offered by the metrics API for this service */
  labels: Record<string, string[]>
  labelsPending: boolean
  onChange: (patch: { service?: string; operation?: string | null; filters?: TagParam[]; groupBy?: string | null; pct?: LatencyMetric }) => void
}

/** Service, operation, label filters and group-by: the scope of every chart. */
export function MetricsControls({ services, service, operation, filters, groupBy, pct, labels, labelsPending, onChange }: MetricsControlsProps) {
  const id = useId()
  const keys = Object.keys(labels).filter((k) => k !== 'service' && k !== 'operation').sort()
  const groupKeys = Object.keys(labels).filter((k) => k !== 'service').sort()
  const [filterKey, setFilterKey] = useState('')
  const [filterValue, setFilterValue] = useState('')
  const key = keys.includes(filterKey) ? filterKey : (keys[0] ?? '')
  const values = (ownValue(labels, key) ?? []).filter((v) => !filters.some((f) => f.key === key && f.value === v))
  const value = values.includes(filterValue) ? filterValue : (values[0] ?? '')
  const current = services.find((s) => s.name === service)
  const operations = current?.operations ?? []

  return (
    <div className="metrics-controls" role="group" aria-label="Series">
      <label className="metrics-field">
        <span>Service</span>
        <select value={service} onChange={(e) => onChange({ service: e.target.value, operation: null, filters: [], groupBy: null })}>
          {services.some((s) => s.name === service) ? null : <option value={service}>{isolateText(service)}</option>}
          {services.map((s) => (
            <option key={s.name} value={s.name}>
              {isolateText(s.name)}
            </option>
          ))}
        </select>
      </label>
      <label className="metrics-field">
        <span>Operation</span>
        <select value={operation ?? ''} onChange={(e) => onChange({ operation: e.target.value || null })}>
          <option value="">All operations</option>
          {operation && !operations.some((o) => o.name === operation) ? <option value={operation}>{isolateText(operation)}</option> : null}
          {operations.map((o) => (
            <option key={o.name} value={o.name}>
              {isolateText(o.name)}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="metrics-field metrics-filter-add" disabled={labelsPending || keys.length === 0}>
        <legend>Filter</legend>
        <select aria-label="Filter label" id={`${id}-k`} value={key} onChange={(e) => setFilterKey(e.target.value)}>
          {keys.map((k) => (
            <option key={k} value={k}>
              {isolateText(k)}
            </option>
          ))}
        </select>
        <select aria-label="Filter value" value={value} onChange={(e) => setFilterValue(e.target.value)}>
          {values.map((v) => (
            <option key={v} value={v}>
              {isolateText(v)}
            </option>
          ))}
        </select>
        <button type="button" className="btn" disabled={!key || !value} onClick={() => onChange({ filters: [...filters, { key, value }] })}>
          Add
        </button>
      </fieldset>
      <label className="metrics-field">
        <span>Group by</span>
        <select value={groupBy ?? ''} onChange={(e) => onChange({ groupBy: e.target.value || null })} disabled={labelsPending}>
          <option value="">Nothing (one line)</option>
          {groupKeys.map((k) => (
            <option key={k} value={k}>
              {isolateText(k)}
            </option>
          ))}
        </select>
      </label>
      {groupBy ? (
        <label className="metrics-field">
          <span>Latency</span>
          <select value={pct} onChange={(e) => onChange({ pct: e.target.value as LatencyMetric })}>
            {LATENCY_METRICS.map((m) => (
              <option key={m} value={m}>
                {percentileLabel(m)}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {filters.length ? (
        <ul className="metrics-filters" aria-label="Active filters">
          {filters.map((f, i) => (
            <li key={`${f.key}=${f.value}`} className="chip">
              {f.key}={f.value}
              <button
                type="button"
                className="metrics-chip-remove"
                aria-label={`Remove filter ${f.key}=${f.value}`}
                onClick={() => onChange({ filters: filters.filter((_, j) => j !== i) })}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}
