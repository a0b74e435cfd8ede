import { isolateText } from '../../../lib/format'

export interface ErrorsFiltersProps {
  services: string[]
  origins: string[]
  dcs: string[]
  service: string | undefined
  origin: string | undefined
  dc: string | undefined
  onChange: (patch: { service?: string; origin?: string; dc?: string }) => void
}

function Select({ label, value, options, all, onChange }: { label: string; value: string | undefined; options: string[]; all: string; onChange: (v: string | undefined) => void }) {
  const list = value && !options.includes(value) ? [value, ...options] : options
  return (
    <label className="errs-filter">
      <span>{label}</span>
      <select value={value ?? ''} onChange={(e) => onChange(e.target.value || undefined)}>
        <option value="">{all}</option>
        {list.map((o) => (
          <option key={o} value={o}>
            {isolateText(o)}
          </option>
        ))}
      </select>
    </label>
  )
}

/** Scope of the analysis: a service on the path (entry or passing through), the origin, a DC. */
export function ErrorsFilters(p: ErrorsFiltersProps) {
  return (
    <div className="errs-filters" role="group" aria-label="Filters">
      <Select label="Service" value={p.service} options={p.services} all="All services" onChange={(v) => p.onChange({ service: v })} />
      <Select label="Origin" value={p.origin} options={p.origins} all="All origins" onChange={(v) => p.onChange({ origin: v })} />
      <Select label="Data centre" value={p.dc} options={p.dcs} all="All DCs" onChange={(v) => p.onChange({ dc: v })} />
    </div>
  )
}
