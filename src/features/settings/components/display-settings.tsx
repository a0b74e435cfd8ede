import { TimeZoneSelect } from '../../../ui/time-zone/time-zone-select'

/** Preferences of this browser that no link carries: the time zone every time is shown in. */
export function DisplaySettings() {
  return (
    <section className="settings-display" aria-labelledby="settings-display-title">
      <h2 id="settings-display-title">Display</h2>
      <TimeZoneSelect />
      <p className="muted">
        Every time in the console (axes, tables, notices) is shown in this zone and says which; hover a time to read it in the
        other one. Kept in this browser, the same as the switch in the header; links you share do not carry it.
      </p>
    </section>
  )
}
