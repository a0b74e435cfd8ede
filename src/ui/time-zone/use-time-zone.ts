import { useSyncExternalStore } from 'react'
import { subscribeTimeZone, timeZoneSetting } from '../../lib/time-zone'
import type { TimeZoneSetting } from '../../lib/time-zone'

/** The console's time zone setting; re-renders when it changes. */
export function useTimeZone(): TimeZoneSetting {
  return useSyncExternalStore(subscribeTimeZone, timeZoneSetting, timeZoneSetting)
}
