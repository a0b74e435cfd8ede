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

/** Parses `?now=` (ISO time or ms since epoch); returns null when absent or unreadable. */
export function parseNowParam(value: string | null): number | null {
  if (!value) return null
  const asNumber = Number(value)
  const ms = Number.isFinite(asNumber) && /^\d+$/.test(value) ? asNumber : Date.parse(value)
  return Number.isFinite(ms) ? ms : null
}

/** Reads `?now=` from the page URL, else the value saved for this tab. Browser only. */
export function initClockFromLocation(search: string, storage: Storage | null): void {
  const fromUrl = parseNowParam(new URLSearchParams(search).get('now'))
  if (fromUrl !== null) {
    storage?.setItem(STORAGE_KEY, String(fromUrl))
    pinNow(fromUrl)
    return
  }
  const saved = parseNowParam(storage?.getItem(STORAGE_KEY) ?? null)
  if (saved !== null) pinNow(saved)
}
