/** The errors page's view state in the URL: /errors?service=&origin=&dc=&pick=&sort= plus the time range. */
import type { FlowPick } from '../../../domain/error-chain/flow'
import { formatPick, parsePick } from '../../../domain/error-chain/flow'

export type ChainSort = 'volume' | 'growth'

export interface ErrorsView {
  /** entry service, or a service the errors pass through: scopes the trace search */
  service: string | undefined
  /** only chains starting at this service */
  origin: string | undefined
  dc: string | undefined
  /** a node or link clicked on the propagation diagram */
  pick: FlowPick | null
  /** growth by default when scoped to a service (entry from a spike or an unhealthy node) */
  sort: ChainSort
}

const opt = (v: string | null) => (v && v.trim() ? v.trim() : undefined)

export function readErrorsView(p: URLSearchParams): ErrorsView {
  const service = opt(p.get('service'))
  const sort = p.get('sort')
  return {
    service,
    origin: opt(p.get('origin')),
    dc: opt(p.get('dc')),
    pick: parsePick(p.get('pick')),
    sort: sort === 'volume' || sort === 'growth' ? sort : service ? 'growth' : 'volume',
  }
}

/** Returns a copy of `p` with the given view fields changed (undefined/null removes them). */
export function writeErrorsView(p: URLSearchParams, patch: Partial<ErrorsView>): URLSearchParams {
  const next = new URLSearchParams(p)
  const set = (k: string, v: string | undefined) => (v ? next.set(k, v) : next.delete(k))
  if ('service' in patch) set('service', patch.service)
  if ('origin' in patch) set('origin', patch.origin)
  if ('dc' in patch) set('dc', patch.dc)
  if ('pick' in patch) set('pick', patch.pick ? formatPick(patch.pick) : undefined)
  if ('sort' in patch) set('sort', patch.sort)
  return next
}
