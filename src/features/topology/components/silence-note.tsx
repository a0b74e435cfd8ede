import type { Silence } from '../../../domain/model'
import { formatClock, formatZone } from '../../../lib/format'

const minutes = (seconds: number): string => `${Math.max(1, Math.round(seconds / 60))} min`

/** Says when an element's data was missing in the window and what its numbers rest on. */
export function SilenceNote({ silent, windowMs }: { silent: Silence | null; windowMs: number }) {
  if (!silent) return null
  const when = `${formatClock(silent.from)}–${formatClock(silent.to)} ${formatZone(silent.to)} (${minutes(silent.seconds)})`
  const rest = Math.max(0, windowMs / 1000 - silent.seconds)
  return (
    <p className="topo-silence" data-testid="silence-note">
      {silent.whole
        ? `No data ${when}: its DC did not answer. ${rest > 0 ? `Rates are over the ${minutes(rest)} with data.` : 'Nothing to show for this window.'}`
        : `Part missing ${when}: a DC that did not answer sent nothing. Rates count what answered, as the metrics do.`}
    </p>
  )
}
