import { formatAbsolute, formatClock, formatOtherZone, formatZone } from '../../lib/format'
import { useTimeZone } from './use-time-zone'

export interface TimeTextProps {
  ms: number
  /** "clock": 14:05:09, "millis": 14:05:09.123, "absolute": 2026-11-23 14:05:09 */
  format?: 'clock' | 'millis' | 'absolute'
  /** false where a column heading already names the zone */
  zoneLabel?: boolean
  className?: string
}

/** One instant in the console's zone, saying which; hovering shows the other zone. */
export function TimeText({ ms, format = 'absolute', zoneLabel = true, className }: TimeTextProps) {
  const zone = useTimeZone()
  if (!Number.isFinite(ms)) return <span className={className}>–</span>
  const text = format === 'absolute' ? formatAbsolute(ms, zone) : formatClock(ms, format === 'millis', zone)
  return (
    <time className={className} dateTime={new Date(ms).toISOString()} title={formatOtherZone(ms, zone)}>
      {text}
      {zoneLabel ? ` ${formatZone(ms, zone)}` : ''}
    </time>
  )
}
