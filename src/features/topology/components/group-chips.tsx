import { plural } from '../../../lib/format'
export interface GroupChipsProps {
  groupBy: 'dc' | 'cluster'
  groups: { key: string; open: boolean; members: number }[]
  onChange: (open: string[]) => void
}

/** Grouped by DC or cluster: each group opened (its members in a labelled box) or closed (one node), and all at once. */
export function GroupChips({ groupBy, groups, onChange }: GroupChipsProps) {
  const open = groups.filter((g) => g.open).map((g) => g.key)
  const word = groupBy === 'dc' ? 'Data centres' : 'Clusters'
  return (
    <div className="topo-groups" role="group" aria-label={word}>
      <span className="topo-label">{word}</span>
      {groups.map((g) => (
        <button
          key={g.key}
          type="button"
          className="btn topo-group-chip"
          aria-pressed={g.open}
          title={g.open ? `Close ${g.key}: draw it as one node` : `Open ${g.key}: draw its ${plural(g.members, 'member')} in a box`}
          onClick={() => onChange(g.open ? open.filter((k) => k !== g.key) : [...open, g.key])}
        >
          <span aria-hidden="true">{g.open ? '▾' : '▸'}</span> {g.key} <span className="muted">({g.members})</span>
        </button>
      ))}
      <button type="button" className="topo-link-btn" onClick={() => onChange(groups.map((g) => g.key))}>open all</button>
      <button type="button" className="topo-link-btn" onClick={() => onChange([])}>close all</button>
      <span className="muted topo-groups-hint">double-click a box or group to open or close it</span>
    </div>
  )
}
