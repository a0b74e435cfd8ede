import type { HopRole } from '../../../../domain/error-chain/types'

/** An icon and plain words per error-chain role; the icon differs by shape, never by colour alone. */
export const ROLE_MARK: Record<HopRole, { icon: string; label: string }> = {
  origin: { icon: '✖', label: 'Error started here' },
  propagated: { icon: '↑', label: 'Passed the error on' },
  converted: { icon: '⇄', label: 'Turned the error into another status' },
  swallowed: { icon: '⊘', label: 'Error stopped here (swallowed)' },
  recovered: { icon: '↺', label: 'Recovered by a retry' },
}
