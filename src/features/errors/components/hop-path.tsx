import type { ChainDigest } from '../../../domain/error-chain/digest'
import type { HopRole } from '../../../domain/error-chain/types'
import { useServiceColor } from '../../../ui/service-colors'
import { UserText } from '../../../ui/user-text'

const ROLE: Record<HopRole, { icon: string; text: string }> = {
  origin: { icon: '✸', text: 'origin' },
  propagated: { icon: '↑', text: 'propagated' },
  converted: { icon: '⇄', text: 'converted' },
  swallowed: { icon: '⊘', text: 'swallowed' },
  recovered: { icon: '↺', text: 'recovered' },
}

/** The chain's path, origin first: one chip per service call, the role as icon and word. */
export function HopPath({ hops, reachedEntry }: { hops: ChainDigest['hops']; reachedEntry: boolean }) {
  const serviceColor = useServiceColor()
  return (
    <ol className="errs-path" aria-label="Error path, from origin to entry">
      {hops.map((h, i) => (
        <li key={`${i}-${h.service}`} className={`errs-hop errs-hop-${h.role}${h.inferred ? ' errs-hop-inferred' : ''}`}>
          {i > 0 ? <span className="errs-arrow" aria-hidden="true">→</span> : null}
          <span className="errs-hop-chip" title={h.inferred ? 'Not captured: known from the caller' : undefined}>
            <span className="service-swatch" style={{ background: serviceColor(h.service) }} aria-hidden="true" />
            <span className="errs-hop-name">
              <UserText text={h.service} />
              <span className="muted">
                :<UserText text={h.operation} />
              </span>
            </span>
            <span className="errs-role">
              <span aria-hidden="true">{ROLE[h.role].icon}</span> {ROLE[h.role].text}
              {h.statusCode ? ` ${h.statusCode}` : ''}
              {i === hops.length - 1 && reachedEntry ? ' · entry' : ''}
              {h.inferred ? ' · not captured' : ''}
            </span>
          </span>
        </li>
      ))}
    </ol>
  )
}
