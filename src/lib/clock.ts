import { refuseInput } from './input-notices'

/**
 * The console's notion of "now". Follows the wall clock unless pinned with `?now=<ISO time>`
 * at load (kept for the browser tab's session, so navigation keeps it) or by a test.
 * The synthetic world reads the same clock, so relative time ranges and the world agree.
 */
const STORAGE_KEY = 'tracelens.pinnedNow'
let pinned: number | null = null

export function pinNow(ms: number | null): void {
  pinned = ms
}

export function now(): number {
  return pinned ?? Date.now()
}

export function isPinned(): boolean {
  return pinned !== null
}

/** The times the console accepts from outside: every date it formats lies in these years. */
export const EARLIEST_TIME_MS = Date.UTC(1970, 0, 1)
export const LATEST_TIME_MS = Date.UTC(2200, 0, 1)

export type TimeParse = { ok: true; ms: number } | { ok: false; reason: string }

/**
 * Reads a time given as an ISO date (2026-11-23T10:00:00Z) or as milliseconds since 1970, between
 * 1970 and 2200 (beyond that no date can be shown, and far beyond it none can even be made).
 */
export function parseTimeValue(value: string): TimeParse {
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value)
  if (!Number.isFinite(ms))
    return { ok: false, reason: 'it is not a time (write an ISO time such as 2026-11-23T10:00:00Z, or milliseconds since 1970)' }
  if (ms < EARLIEST_TIME_MS || ms >= LATEST_TIME_MS) return { ok: false, reason: 'it is outside the times the console can show (1970 to 2199)' }
  return { ok: true, ms }
}

/** Parses `?now=` (ISO time or ms since epoch); returns null when absent, unreadable or out of range. */
export function parseNowParam(value: string | null): number | null {
  if (!value) return null
  const t = parseTimeValue(value)
  return t.ok ? t.ms : null
}

/**
 * Reads `?now=` from the page URL, else the value saved for this tab. Browser only. A value that
 * cannot be used is refused with a notice naming it (and a bad saved value is forgotten), so
 * nothing given or stored can keep the console from starting.
 */
export function initClockFromLocation(search: string, storage: Storage | null): void {
  const param = new URLSearchParams(search).get('now')
  if (param) {
    const t = parseTimeValue(param)
    if (t.ok) {
      try {
        storage?.setItem(STORAGE_KEY, String(t.ms))
      } catch {
        // not kept for the tab; this page still uses it
      }
      pinNow(t.ms)
      return
    }
    refuseInput({ from: 'address', name: 'now', value: param, reason: `${t.reason}; the clock was not pinned by it` })
  }
  let saved: string | null
  try {
    saved = storage?.getItem(STORAGE_KEY) ?? null
  } catch {
    saved = null
  }
  if (saved === null) return
  const t = parseTimeValue(saved)
  if (t.ok) {
    pinNow(t.ms)
    return
  }
  try {
    storage?.removeItem(STORAGE_KEY)
  } catch {
    // nothing to forget with
  }
  refuseInput({ from: 'storage', name: STORAGE_KEY, value: saved, reason: `${t.reason}; it was forgotten and the console follows the current time` })
}
