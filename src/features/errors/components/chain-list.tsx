import type { ChainGroup } from '../../../domain/error-chain/aggregate'
import type { ChangeEvent } from '../../../domain/model'
import { leadingChange } from '../../../domain/error-chain/root-cause'
import { EmptyState } from '../../../ui/states'
import type { ChainSort } from '../lib/url'
import { ChainCard } from './chain-card'

export interface ChainListProps {
  groups: ChainGroup[]
  changes: ChangeEvent[]
  sort: ChainSort
  onSort: (sort: ChainSort) => void
  nowMs: number
  filtered: boolean
}

export function ChainList({ groups, changes, sort, onSort, nowMs, filtered }: ChainListProps) {
  return (
    <section className="errs-chains" aria-labelledby="errs-chains-title">
      <header className="errs-chains-header">
        <h2 id="errs-chains-title">Error chains ({groups.length})</h2>
        <div className="errs-sort" role="group" aria-label="Order chains by">
          <button type="button" className="btn btn-ghost" aria-pressed={sort === 'volume'} onClick={() => onSort('volume')}>
            Most errors
          </button>
          <button type="button" className="btn btn-ghost" aria-pressed={sort === 'growth'} onClick={() => onSort('growth')}>
            Grew most since yesterday
          </button>
        </div>
      </header>
      {groups.length === 0 ? (
        <EmptyState title={filtered ? 'No chain matches these filters' : 'No error chains in this window'}>
          {filtered ? 'Clear the filters or the diagram selection.' : 'No error trace was found; try a wider time range.'}
        </EmptyState>
      ) : (
        <ol className="errs-chain-list">
          {groups.map((g, i) => (
            <ChainCard key={g.signature} group={g} rank={i + 1} nowMs={nowMs} change={leadingChange(changes, g.originService, g.firstSeen)} />
          ))}
        </ol>
      )}
    </section>
  )
}
