import { useSearchParams } from 'react-router'
import { isPinned, now } from '../../lib/clock'
import { timeRangeQuery, worldCarry } from '../../lib/time-range'
import { useSyntheticWorld } from '../use-synthetic-world'

/**
 * The part of the current address every link between views carries: the time range, when the
 * clock is pinned that anchor (`now=`), and with the synthetic world its anchor and size
 * (`anchor=`, `scale=`), so a link opened in another browser shows the same data.
 */
export function useCarry(): string {
  const [params] = useSearchParams()
  const world = useSyntheticWorld()
  return timeRangeQuery(params, isPinned() ? now() : null, worldCarry(world))
}
