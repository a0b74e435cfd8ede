import { refuseInput } from '../lib/input-notices'
import { timeRangeProblems } from '../lib/time-range'

/**
 * The address's shared parameters checked once at load, each refused value reported by name (the
 * views read the same parameters with parsers that fall back to their defaults, so nothing fails).
 * `now` is checked where the clock is pinned (src/lib/clock.ts), `scale` and `latency` where the
 * synthetic backend reads them (mocks/browser.ts).
 */
export function checkAddressParams(search: string): void {
  for (const p of timeRangeProblems(new URLSearchParams(search)))
    refuseInput({ from: 'address', name: p.name, value: p.value, reason: `${p.reason}; the view shows its default time range instead` })
}
