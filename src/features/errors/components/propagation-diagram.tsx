import { useMemo } from 'react'
import type { ChainGroup } from '../../../domain/error-chain/aggregate'
import { buildFlow, formatPick } from '../../../domain/error-chain/flow'
import type { FlowPick } from '../../../domain/error-chain/flow'
import { useServiceColor } from '../../../ui/service-colors'
import { EChart } from '../../../ui/chart/echart'
import { cssVar, useTheme } from '../../../ui/theme'
import { sankeyOption } from '../lib/sankey-option'
import { UserText } from '../../../ui/user-text'

export interface PropagationDiagramProps {
  groups: ChainGroup[]
  pick: FlowPick | null
  onPick: (pick: FlowPick | null) => void
}

interface ClickParams {
  dataType?: string
  data?: { name?: string; source?: string; target?: string }
}

/** the diagram shows the largest chains only, so it stays readable */
const MAX_CHAINS = 12

const serviceOf = (nodeId: string | undefined) => (nodeId ? nodeId.slice(nodeId.indexOf('|') + 1) : '')

/** Origins on the left, entries on the right; widths are estimated error volumes. Click to filter. */
export function PropagationDiagram({ groups, pick, onPick }: PropagationDiagramProps) {
  const serviceColor = useServiceColor()
  const { theme } = useTheme()
  const shown = useMemo(() => [...groups].filter((g) => g.count > 0).sort((a, b) => b.estimated - a.estimated).slice(0, MAX_CHAINS), [groups])
  const hidden = groups.filter((g) => g.count > 0).length - shown.length
  const flow = useMemo(() => buildFlow(shown), [shown])
  const picked = pick ? formatPick(pick) : null
  // the label colour is read from the theme's tokens: recompute when the theme changes
  const fg = useMemo(() => (theme === 'dark' || theme === 'light' ? cssVar('--fg') : ''), [theme])
  const option = useMemo(() => sankeyOption(flow, { fg, service: serviceColor }, picked), [flow, fg, picked, serviceColor])
  const rows = Math.max(2, new Set(flow.nodes.map((n) => n.depth)).size, ...[0, 1, 2, 3, 4, 5].map((d) => flow.nodes.filter((n) => n.depth === d).length))
  const height = Math.min(440, 80 + rows * 40)
  return (
    <section className="panel errs-flow" aria-labelledby="errs-flow-title">
      <header className="panel-header errs-flow-header">
        <h2 id="errs-flow-title">How errors propagate</h2>
        {pick ? (
          <button type="button" className="btn btn-ghost" onClick={() => onPick(null)}>
            Clear filter:{' '}
            {'service' in pick ? (
              <UserText text={pick.service} />
            ) : (
              <>
                <UserText text={pick.from} /> → <UserText text={pick.to} />
              </>
            )}
          </button>
        ) : (
          <span className="muted">
            Click a service or a call to filter the chains{hidden > 0 ? ` · ${hidden} smaller chains not drawn` : ''}
          </span>
        )}
      </header>
      {flow.nodes.length === 0 ? (
        <p className="muted errs-flow-empty">No propagation to show.</p>
      ) : (
        <EChart
          option={option}
          height={height}
          notMerge
          testId="errors-sankey"
          ariaLabel={`Error propagation from ${new Set(flow.nodes.filter((n) => n.depth === 0).map((n) => n.service)).size} origins to their entries`}
          onEvents={{
            click: (p) => {
              const { dataType, data } = p as ClickParams
              if (dataType === 'edge' && data?.source && data.target) onPick({ from: serviceOf(data.source), to: serviceOf(data.target) })
              else if (data?.name) onPick({ service: serviceOf(data.name) })
            },
          }}
        />
      )}
    </section>
  )
}
