import type { SelfTime } from '../../../../domain/trace/timing'
import type { TraceTree } from '../../../../domain/trace/tree'
import { formatDuration } from '../../../../lib/format'

/** A self time, or the range it is known to lie in when calls before a PostTrace trigger were not kept. */
export function SelfTimeText({ self }: { self: SelfTime }) {
  if (self.unaccounted <= 0) return <>{formatDuration(self.known)}</>
  return (
    <>
      unknown: {formatDuration(self.known)} to {formatDuration(self.known + self.unaccounted)}{' '}
      <span className="muted">
        ({formatDuration(self.unaccounted)} before the PostTrace trigger is not covered by captured calls: own work, or calls that were not
        kept)
      </span>
    </>
  )
}

/** What a "missing calls" placeholder stands for, with its span and times. */
export function MissingCallsText({ tree, node }: { tree: TraceTree; node: number }) {
  const n = tree.nodes[node]
  const owner = tree.nodes[n.parent]?.span
  const from = formatDuration(n.start - tree.start)
  const to = formatDuration(n.start + n.duration - tree.start)
  return (
    <>
      This trace was captured by PostTrace from the trigger on. {owner ? `${owner.service} ${owner.name}` : 'This span'} was already running
      then: calls it made and that had finished before the trigger (between +{from} and +{to}) were not kept, so they are absent here. How
      many there were is not known.
    </>
  )
}
