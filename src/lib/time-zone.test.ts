import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { formatAbsolute, formatAbsoluteZoned, formatClockZoned, formatOtherZone, formatWindow, formatZone } from './format'
import { fromWallTime, setTimeZoneSetting, timeZoneSetting, wallTime } from './time-zone'

// 2026-11-23 09:48:00 UTC = 04:48 in New York (EST, UTC−5)
const T = Date.UTC(2026, 10, 23, 9, 48, 0)
beforeAll(() => {
  vi.stubEnv('TZ', 'America/New_York') // Node reads the zone again when TZ changes
})
afterAll(() => {
  vi.unstubAllEnvs()
  setTimeZoneSetting('browser')
})

describe('times in one zone, saying which', () => {
  it('shows the browser zone with its offset, and UTC as UTC', () => {
    expect(formatAbsoluteZoned(T, 'browser')).toBe('2026-11-23 04:48:00 UTC−5')
    expect(formatAbsoluteZoned(T, 'utc')).toBe('2026-11-23 09:48:00 UTC')
    expect(formatZone(Date.UTC(2026, 6, 1), 'browser')).toBe('UTC−4') // summer time
  })
  it('follows the setting, and the hover text gives the other zone', () => {
    setTimeZoneSetting('utc')
    expect(timeZoneSetting()).toBe('utc')
    expect(formatClockZoned(T)).toBe('09:48:00 UTC')
    expect(formatOtherZone(T)).toBe('2026-11-23 04:48:00 UTC−5 (browser time)')
    setTimeZoneSetting('browser')
    expect(formatClockZoned(T)).toBe('04:48:00 UTC−5')
    expect(formatOtherZone(T)).toBe('2026-11-23 09:48:00 UTC (UTC)')
  })
  it('remembers the setting in this browser', () => {
    setTimeZoneSetting('utc')
    expect(localStorage.getItem('tracelens.timeZone')).toBe('utc')
  })
  it('writes a window with the date once and the zone at the end', () => {
    expect(formatWindow(T - 30 * 60_000, T, 'utc')).toBe('11-23 09:18–09:48 UTC')
    expect(formatWindow(T - 6 * 3_600_000, T, 'browser')).toBe('11-22 22:48–11-23 04:48 UTC−5')
  })
  it('reads a wall time back to the same instant in either zone', () => {
    for (const zone of ['utc', 'browser'] as const) expect(fromWallTime(wallTime(T, zone), zone)).toBe(T)
    expect(formatAbsolute(fromWallTime({ year: 2026, month: 11, day: 23, hour: 4, minute: 48, second: 0, millis: 0 }, 'browser'), 'utc')).toBe('2026-11-23 09:48:00')
  })
})
