import { Fragment } from 'react'
import { Link } from 'react-router'
import type { ErrorChain } from '../../../../domain/error-chain/types'
import { traceHref } from '../../../../lib/links'
import { useServiceColor } from '../../../../ui/service-colors'
import { ROLE_MARK } from '../../lib/trace-page/role-marks'
import { useCarry } from '../../../../ui/time-range/use-carry'
import { UserText } from '../../../../ui/user-text'

export interface ChainDiagramProps {
  chains: ErrorChain[]
  traceId: string
  active: string | null
  onSelectSpan: (spanId: string) => void
}

/** The error chains of this trace: hops from origin to entry, with gaps where calls were not captured. */
export function ChainDiagram({ chains, traceId, active, onSelectSpan }: ChainDiagramProps) {
  const serviceColor = useServiceColor()
  const carry = useCarry()
  if (chains.length === 0) return null
  return (
    <section className="tp-chains panel" aria-label="Error chains in this trace" data-testid="chain-diagram">
      <h2 className="tp-chains-title">{chains.length === 1 ? 'Error chain' : `Error chains (${chains.length})`}</h2>
      <ol className="tp-chain-list">
        {chains.slice(0, 8).map((c) => (
          <li key={c.id} className={c.id === active ? 'tp-chain is-active' : 'tp-chain'}>
            <Link to={traceHref(traceId, { span: c.id, chain: c.id }, carry)} replace aria-current={c.id === active ? 'true' : undefined} className="tp-chain-link">
              {c.id === active ? 'Highlighted' : 'Highlight'}
            </Link>
            <ol className="tp-hops" aria-label={`Chain from ${c.origin.service} to ${c.end.service}`}>
              {c.hops.map((h, i) => {
                const gap = c.gaps.find((g) => g.spanId === h.spanId)
                return (
                  <Fragment key={`${h.spanId}-${i}`}>
                    {i > 0 ? <li className="tp-hop-arrow" aria-hidden="true">→</li> : null}
                    <li className="tp-hop">
                      <button type="button" className="tp-hop-btn" onClick={() => onSelectSpan(h.spanId)} title={ROLE_MARK[h.role].label}>
                        <span className="tp-role-icon" aria-hidden="true">{ROLE_MARK[h.role].icon}</span>
                        <span className="service-swatch" style={{ background: serviceColor(h.service) }} aria-hidden="true" />
                        <UserText text={h.service} />
                        {h.statusCode ? <span className="muted"> {h.statusCode}</span> : null}
                        <span className="sr-only">: {ROLE_MARK[h.role].label}</span>
                      </button>
                    </li>
                    {gap ? (
                      <li className="tp-hop-gap" title={gap.detail}>
                        ⋯ {gap.detail}
                      </li>
                    ) : null}
                  </Fragment>
                )
              })}
            </ol>
          </li>
        ))}
      </ol>
    </section>
  )
}
