import { useDisclosure } from '../../../../ui/use-disclosure'
import { describeServiceFilter, toggleService } from '../../../../domain/trace/search'
import { useServiceColor } from '../../../../ui/service-colors'

export interface ServiceFilterProps {
  /** services of the trace, sorted */
  services: string[]
  /** services shown; empty = all */
  selected: string[]
  onChange: (services: string[]) => void
}

/**
 * Which services' spans to show: a button opening a list of checkboxes (Tab/Space to pick, Escape
 * to close). Spans of other services are hidden and summarised by the Gantt's "hidden" rows.
 */
export function ServiceFilter({ services, selected, onChange }: ServiceFilterProps) {
  const serviceColor = useServiceColor()
  const { open, setOpen, close, id, rootRef, buttonRef, onKeyDown } = useDisclosure()
  const label = describeServiceFilter(selected, services)
  const active = label !== 'All services'

  return (
    <div
      className="tp-svc-filter"
      ref={rootRef}
      onKeyDown={onKeyDown}
    >
      <button
        ref={buttonRef}
        type="button"
        className="btn"
        aria-expanded={open}
        aria-controls={`${id}-list`}
        data-active={active || undefined}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="sr-only">Services: </span>
        {label} <span aria-hidden="true">▾</span>
      </button>
      {open ? (
        <div className="popover tp-svc-popover" id={`${id}-list`} role="group" aria-label="Show spans of these services">
          <div className="tp-svc-actions">
            <span className="muted">{selected.length === 0 ? 'All shown' : `${selected.length} chosen`}</span>
            <button type="button" className="btn btn-ghost" disabled={selected.length === 0} onClick={() => onChange([])}>
              Show all
            </button>
          </div>
          <ul className="tp-svc-list">
            {services.map((s) => (
              <li key={s}>
                <label className="tp-check">
                  <input type="checkbox" checked={selected.includes(s)} onChange={() => onChange(toggleService(selected, s))} />
                  <span className="service-swatch" style={{ background: serviceColor(s) }} aria-hidden="true" />
                  <span className="tp-svc-name">{s}</span>
                </label>
              </li>
            ))}
          </ul>
          <div className="popover-actions">
            <button type="button" className="btn" onClick={close}>
              Done
            </button>
          </div>
        </div>
      ) : null}
    </div>
  )
}
