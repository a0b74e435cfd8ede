import type { FlameGraph, FlameLayout } from '../../../../../domain/trace/flame'
import { frameKind, frameLabel } from '../../../../../domain/trace/flame'
import { formatDuration, formatInteger, formatPercent } from '../../../../../lib/format'

/** What a frame stands for, in words and units (hover). */
export function FrameFacts({ flame, layout, frame }: { flame: FlameGraph; layout: FlameLayout; frame: number }) {
  const kind = frameKind(flame.kind[frame])
  const parent = flame.parent[frame]
  const squeezed = parent >= 0 && layout.squeeze[parent] < 1
  return (
    <div className="flame-facts">
      <strong>{frameLabel(flame, frame)}</strong>
      {kind === 'not-captured' ? (
        <p>
          {formatDuration(flame.total[frame])} before the PostTrace trigger that no captured call covers, in {formatInteger(flame.count[frame])} span
          {flame.count[frame] === 1 ? '' : 's'}: own work or calls that finished before capture began (not known which).
        </p>
      ) : kind === 'span' ? (
        <dl>
          <dt>Spans</dt>
          <dd className="tabular">{formatInteger(flame.count[frame])}</dd>
          <dt>Total time</dt>
          <dd className="tabular">{formatDuration(flame.total[frame])}{flame.count[frame] > 1 ? ' (summed)' : ''}</dd>
          <dt>Self time</dt>
          <dd className="tabular">{formatDuration(flame.self[frame])}</dd>
          <dt>Errors</dt>
          <dd className={flame.errors[frame] > 0 ? 'err-text tabular' : 'tabular'}>{formatInteger(flame.errors[frame])}</dd>
          <dt>On the critical path</dt>
          <dd className="tabular">
            {formatInteger(flame.critical[frame])} span{flame.critical[frame] === 1 ? '' : 's'}, {formatDuration(flame.criticalTime[frame])} on their own
          </dd>
        </dl>
      ) : (
        <p className="tabular">{formatDuration(layout.value[frame])} in all</p>
      )}
      {squeezed ? (
        <p className="muted">
          Calls under {frameLabel(flame, parent)} overlapped (ran in parallel): their times add up to more than it, so they are drawn at {formatPercent(layout.squeeze[parent])} of their width.
        </p>
      ) : null}
    </div>
  )
}
