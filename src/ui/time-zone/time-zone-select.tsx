import { useId } from 'react'
import { now } from '../../lib/clock'
import { browserZoneName, setTimeZoneSetting } from '../../lib/time-zone'
import { formatZone } from '../../lib/format'
import { useTimeZone } from './use-time-zone'

/**
 * UTC or the browser's zone, for every time the console shows. `compact` is the header's version;
 * the settings page shows the long one.
 */
export function TimeZoneSelect({ compact = false }: { compact?: boolean }) {
  const zone = useTimeZone()
  const id = useId()
  const nowMs = now()
  // the zone's name is asked of Intl only where it is shown (the settings page): the first use of
  // Intl in a page loads its locale data, tens of ms in the header's first render on every page
  const browser = compact ? `Local ${formatZone(nowMs, 'browser')}` : `${browserZoneName() ?? 'Browser'} (${formatZone(nowMs, 'browser')})`
  return (
    <span className={compact ? 'zone-select zone-select-compact' : 'zone-select'}>
      <label htmlFor={id} className={compact ? 'sr-only' : undefined}>
        Time zone
      </label>
      <select
        id={id}
        data-testid={compact ? 'zone-select' : 'zone-select-settings'}
        value={zone}
        title="Time zone of every time shown; hover a time to see it in the other zone"
        onChange={(e) => setTimeZoneSetting(e.target.value === 'utc' ? 'utc' : 'browser')}
      >
        <option value="utc">UTC</option>
        <option value="browser">{browser}</option>
      </select>
    </span>
  )
}
