import { useQuery } from '@tanstack/react-query'
import { traceQueries } from '../../../../api/queries/traces'
import { useDataSource } from '../../../../api/source-context'
import { useTimeWindow } from '../../../../ui/time-range/use-time-window'
import { useId, useState } from 'react'
import type { FormEvent } from 'react'
import { SAMPLING_MODES } from '../../../../domain/model'
import type { SamplingMode, ServiceSummary } from '../../../../domain/model'
import { samplingLabel } from '../../../../domain/query'
import { formatDurationInput, parseDurationInput } from '../../../../domain/trace-search/duration-input'
import { isolateText } from '../../../../lib/format'
import type { TagParam } from '../../../../lib/links'
import { parseTagParams } from '../../../../lib/links'
import { DEFAULT_LIMIT, LIMITS } from '../../lib/search/url-state'
import type { SearchFilters } from '../../lib/search/url-state'


export interface SearchFiltersProps {
  filters: SearchFilters
  services: ServiceSummary[] | undefined
  servicesState: 'loading' | 'error' | 'ready'
  onApply: (f: SearchFilters) => void
}

const uniqueSorted = (xs: Iterable<string>) => [...new Set(xs)].sort()

/** The filter form. Edits stay local until "Find traces"; the URL is the applied state. */
export function SearchFiltersForm({ filters, services, servicesState, onApply }: SearchFiltersProps) {
  const id = useId()
  const [service, setService] = useState(filters.service ?? '')
  const [operation, setOperation] = useState(filters.operation ?? '')
  const [tags, setTags] = useState<TagParam[]>(filters.tags)
  const [tagDraft, setTagDraft] = useState('')
  const [tagError, setTagError] = useState<string | null>(null)
  const [minText, setMinText] = useState(formatDurationInput(filters.minDuration))
  const [maxText, setMaxText] = useState(formatDurationInput(filters.maxDuration))
  const [status, setStatus] = useState(filters.status ?? '')
  const [sampling, setSampling] = useState(filters.sampling ?? '')
  const [dc, setDc] = useState(filters.dc ?? '')
  const [limit, setLimit] = useState(filters.limit)

  const min = parseDurationInput(minText)
  const max = parseDurationInput(maxText)
  const rangeError = min.ok && max.ok && min.us !== undefined && max.us !== undefined && min.us > max.us
    ? 'The minimum duration is above the maximum.' : null

  const serviceNames = uniqueSorted([...(services ?? []).map((s) => s.name), ...(service ? [service] : [])])
  const selected = services?.find((s) => s.name === service)
  // sources whose service list comes without operations are asked for the chosen service's only
  const source = useDataSource()
  const { window } = useTimeWindow()
  const asked = useQuery(traceQueries.operations(source, service, window))
  const operations = uniqueSorted([...(selected?.operations ?? []), ...(asked.data ?? [])].map((o) => o.name).concat(operation ? [operation] : []))
  const dcs = uniqueSorted([...(services ?? []).flatMap((s) => s.dcs), ...(dc ? [dc] : [])])

  const addTag = (): boolean => {
    const text = tagDraft.trim()
    if (!text) return true
    const parsed = parseTagParams(text.split(/\s+/))
    if (parsed.length === 0 || parsed.some((t) => !t.value)) {
      setTagError(`"${text}" is not key=value (e.g. DC=dc-east).`)
      return false
    }
    setTags((prev) => [...prev.filter((p) => !parsed.some((n) => n.key === p.key && n.value === p.value)), ...parsed])
    setTagDraft('')
    setTagError(null)
    return true
  }

  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (!min.ok || !max.ok || rangeError || !addTag()) return
    const pending = tagDraft.trim() ? parseTagParams(tagDraft.trim().split(/\s+/)) : []
    onApply({
      service: service || undefined,
      operation: service && operation ? operation : undefined,
      tags: [...tags, ...pending.filter((n) => !tags.some((p) => p.key === n.key && p.value === n.value))],
      minDuration: min.us,
      maxDuration: max.us,
      status: status === 'ok' || status === 'error' ? status : undefined,
      sampling: (sampling || undefined) as SamplingMode | undefined,
      dc: dc || undefined,
      limit,
    })
  }

  const reset = () => onApply({ tags: [], limit: DEFAULT_LIMIT })

  return (
    <form className="tsearch-filters panel" onSubmit={submit} aria-label="Trace filters">
      <label className="tsearch-field">
        <span>Service</span>
        <select value={service} onChange={(e) => { setService(e.target.value); setOperation('') }} disabled={servicesState === 'loading'}>
          <option value="">{servicesState === 'loading' ? 'Loading services…' : 'All services'}</option>
          {serviceNames.map((n) => <option key={n} value={n}>{isolateText(n)}</option>)}
        </select>
        {servicesState === 'error' ? <small className="form-error">Services could not be loaded; type-ahead is unavailable.</small> : null}
      </label>
      <label className="tsearch-field">
        <span>Operation</span>
        <select value={operation} onChange={(e) => setOperation(e.target.value)} disabled={!service}>
          <option value="">{service ? 'All operations' : 'Pick a service first'}</option>
          {operations.map((n) => <option key={n} value={n}>{isolateText(n)}</option>)}
        </select>
      </label>
      <div className="tsearch-field">
        <label htmlFor={`${id}-tag`}>Tags</label>
        <div className="tsearch-tag-input">
          <input
            id={`${id}-tag`}
            value={tagDraft}
            placeholder="key=value"
            aria-invalid={tagError ? true : undefined}
            aria-describedby={tagError ? `${id}-tag-error` : undefined}
            onChange={(e) => setTagDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault()
                addTag()
              }
            }}
          />
          <button type="button" className="btn" onClick={addTag}>Add</button>
        </div>
        {tagError ? <small id={`${id}-tag-error`} className="form-error">{tagError}</small> : null}
        {tags.length ? (
          <ul className="tsearch-tags" aria-label="Tag filters">
            {tags.map((t) => (
              <li key={`${t.key}=${t.value}`} className="chip">
                <span className="tsearch-tag-text">{t.key}={t.value}</span>
                <button type="button" className="tsearch-chip-x" aria-label={`Remove tag ${t.key}=${t.value}`} onClick={() => setTags((prev) => prev.filter((p) => p !== t))}>×</button>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <div className="tsearch-row">
        <DurationField label="Min duration" value={minText} onChange={setMinText} error={min.ok ? null : min.message} />
        <DurationField label="Max duration" value={maxText} onChange={setMaxText} error={max.ok ? rangeError : max.message} />
      </div>
      <div className="tsearch-row">
        <label className="tsearch-field">
          <span>Status</span>
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">Any</option>
            <option value="error">With errors</option>
            <option value="ok">Without errors</option>
          </select>
        </label>
        <label className="tsearch-field">
          <span>Sampling</span>
          <select value={sampling} onChange={(e) => setSampling(e.target.value)}>
            <option value="">Any</option>
            {SAMPLING_MODES.map((m) => <option key={m} value={m}>{samplingLabel(m)}</option>)}
          </select>
        </label>
      </div>
      <div className="tsearch-row">
        <label className="tsearch-field">
          <span>Data centre</span>
          <select value={dc} onChange={(e) => setDc(e.target.value)}>
            <option value="">All</option>
            {dcs.map((d) => <option key={d} value={d}>{isolateText(d)}</option>)}
          </select>
        </label>
        <label className="tsearch-field">
          <span>Limit</span>
          <select value={limit} onChange={(e) => setLimit(Number(e.target.value))}>
            {uniqueSorted([...LIMITS, limit].map(String)).map(Number).sort((a, b) => a - b).map((l) => <option key={l} value={l}>{l} traces</option>)}
          </select>
        </label>
      </div>
      <div className="tsearch-actions">
        <button type="submit" className="btn btn-primary">Find traces</button>
        <button type="button" className="btn btn-ghost" onClick={reset}>Clear filters</button>
      </div>
    </form>
  )
}

function DurationField({ label, value, onChange, error }: { label: string; value: string; onChange: (v: string) => void; error: string | null }) {
  const id = useId()
  return (
    <div className="tsearch-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={value}
        placeholder="e.g. 250ms"
        inputMode="decimal"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {error ? <small id={`${id}-error`} className="form-error">{error}</small> : null}
    </div>
  )
}
