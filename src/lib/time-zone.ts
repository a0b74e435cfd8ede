/**
 * The one time zone every time is shown in: UTC or the browser's own zone. A preference of this
 * browser (not part of any URL, so a shared link shows each reader their own choice), read by the
 * formatters in ./format and by the charts' time axes.
 */
export type TimeZoneSetting = 'utc' | 'browser'

const STORAGE_KEY = 'tracelens.timeZone'
let current: TimeZoneSetting = readSaved()
const listeners = new Set<() => void>()

function readSaved(): TimeZoneSetting {
  try {
    const v = globalThis.localStorage?.getItem(STORAGE_KEY)
    return v === 'utc' || v === 'browser' ? v : 'browser'
  } catch {
    return 'browser' // storage unavailable (private mode): the browser's zone, not remembered
  }
}

export function timeZoneSetting(): TimeZoneSetting {
  return current
}

export function setTimeZoneSetting(next: TimeZoneSetting): void {
  if (next === current) return
  current = next
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, next)
  } catch {
    // not remembered; it still applies to this page
  }
  for (const l of listeners) l()
}

export function subscribeTimeZone(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export const otherZone = (z: TimeZoneSetting): TimeZoneSetting => (z === 'utc' ? 'browser' : 'utc')

/** The browser's IANA zone name ("America/New_York"), or null when the runtime does not say. */
export function browserZoneName(): string | null {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || null
  } catch {
    return null
  }
}

export interface WallTime {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
  millis: number
}

/** The wall-clock reading of `ms` in the zone. */
export function wallTime(ms: number, zone: TimeZoneSetting): WallTime {
  const d = new Date(ms)
  return zone === 'utc'
    ? { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(), millis: d.getUTCMilliseconds() }
    : { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate(), hour: d.getHours(), minute: d.getMinutes(), second: d.getSeconds(), millis: d.getMilliseconds() }
}

/** The instant (ms) whose wall-clock reading in the zone is the given one; the inverse of wallTime. */
export function fromWallTime(w: WallTime, zone: TimeZoneSetting): number {
  return zone === 'utc'
    ? Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.millis)
    : new Date(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.millis).getTime()
}

/** Offset of the zone from UTC at `ms`, in minutes (east positive). */
export function zoneOffsetMinutes(ms: number, zone: TimeZoneSetting): number {
  return zone === 'utc' ? 0 : -new Date(ms).getTimezoneOffset()
}
