import { useSearchParams } from 'react-router'
import { isPinned, now } from '../../lib/clock'
import { timeRangeQuery } from '../../lib/time-range'

/**
 * The part of the current address every link between views carries: the time range and, when the
 * clock is pinned (a synthetic world anchored with `now=`), that anchor.
 */
export function useCarry(): string {
  const [params] = useSearchParams()
  return timeRangeQuery(params, isPinned() ? now() : null)
}
