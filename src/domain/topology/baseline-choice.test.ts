import { describe, expect, it } from 'vitest'
import { answersBaseline, baselineName, baselineWindow, checkCustomStart, describeWindow, parseBaseline, serializeBaseline, toLocalInput } from './baseline-choice'

const NOW = Date.parse('2026-11-23T10:00:00Z')
const HOUR = 3_600_000

describe('baseline in the URL', () => {
  it('reads hours back, as before', () => {
    expect(parseBaseline('24')).toEqual({ kind: 'offset', hours: 24 })
    expect(parseBaseline('168')).toEqual({ kind: 'offset', hours: 168 })
    expect(parseBaseline('1.5')).toEqual({ kind: 'offset', hours: 1.5 })
  })
  it('reads an absolute start with its zone', () => {
    expect(parseBaseline('2026-11-16T09:30Z')).toEqual({ kind: 'at', start: Date.parse('2026-11-16T09:30:00Z') })
    expect(parseBaseline('2026-11-16T10:30:00+01:00')).toEqual({ kind: 'at', start: Date.parse('2026-11-16T09:30:00Z') })
  })
  it('ignores what it cannot read', () => {
    for (const raw of ['', '0', '-24', 'yesterday', '2026-11-16', '2026-11-16T09:30', '2026-13-45T99:99Z']) expect(parseBaseline(raw), raw).toBeNull()
    expect(parseBaseline(null)).toBeNull()
  })
  it('round-trips both forms, short where it can', () => {
    expect(serializeBaseline({ kind: 'offset', hours: 168 })).toBe('168')
    const at = { kind: 'at' as const, start: Date.parse('2026-11-16T09:30:00Z') }
    expect(serializeBaseline(at)).toBe('2026-11-16T09:30Z')
    expect(parseBaseline(serializeBaseline(at))).toEqual(at)
    const odd = { kind: 'at' as const, start: Date.parse('2026-11-16T09:30:15.250Z') }
    expect(parseBaseline(serializeBaseline(odd))).toEqual(odd)
    expect(serializeBaseline(null)).toBeNull()
  })
})

describe('baseline window', () => {
  const window = { from: NOW - 30 * 60_000, to: NOW }
  it('shifts the whole window back by the offset', () => {
    expect(baselineWindow({ kind: 'offset', hours: 24 }, window)).toEqual({ from: window.from - 24 * HOUR, to: NOW - 24 * HOUR })
    expect(baselineWindow({ kind: 'offset', hours: 1 }, window)).toEqual({ from: window.from - HOUR, to: NOW - HOUR })
    expect(baselineWindow({ kind: 'offset', hours: 168 }, window)).toEqual({ from: window.from - 7 * 24 * HOUR, to: NOW - 7 * 24 * HOUR })
  })
  it('starts a custom baseline at the chosen time and keeps the window length', () => {
    const start = Date.parse('2026-11-20T08:00:00Z')
    expect(baselineWindow({ kind: 'at', start }, window)).toEqual({ from: start, to: start + 30 * 60_000 })
  })
})

describe('a baseline answer while the next one loads', () => {
  const wanted = baselineWindow({ kind: 'offset', hours: 168 }, { from: NOW - 30 * 60_000, to: NOW })
  it('stands in for the same choice a live tick earlier', () => {
    expect(answersBaseline(wanted.from - 10_000, wanted)).toBe(true)
  })
  it('does not stand in for another choice', () => {
    const yesterday = baselineWindow({ kind: 'offset', hours: 24 }, { from: NOW - 30 * 60_000, to: NOW })
    expect(answersBaseline(yesterday.from, wanted)).toBe(false)
  })
})

describe('custom start typed by the user', () => {
  const local = (ms: number) => toLocalInput(ms)
  it('reads a datetime-local value in the user’s time zone', () => {
    const start = new Date(2026, 10, 20, 8, 15).getTime()
    expect(checkCustomStart('2026-11-20T08:15', NOW, 30 * 60_000)).toEqual({ ok: true, start })
    expect(local(start)).toBe('2026-11-20T08:15')
  })
  it('says when it is unreadable, in the future, or not over yet', () => {
    expect(checkCustomStart('', NOW, HOUR)).toEqual({ ok: false, problem: 'unreadable' })
    expect(checkCustomStart('next tuesday', NOW, HOUR)).toEqual({ ok: false, problem: 'unreadable' })
    expect(checkCustomStart('2026-02-31T10:00', NOW, HOUR)).toEqual({ ok: false, problem: 'unreadable' })
    expect(checkCustomStart(local(NOW + 5 * 60_000), NOW, HOUR)).toEqual({ ok: false, problem: 'future' })
    expect(checkCustomStart(local(NOW - 30 * 60_000), NOW, HOUR)).toEqual({ ok: false, problem: 'overlaps-now' })
    expect(checkCustomStart(local(NOW - 2 * HOUR), NOW, HOUR).ok).toBe(true)
  })
})

describe('naming the baseline', () => {
  it('names the window in the given time zone', () => {
    const w = { from: Date.parse('2026-11-22T10:00:00Z'), to: Date.parse('2026-11-22T11:00:00Z') }
    expect(describeWindow(w, 'UTC')).toBe('Sun 22 Nov 10:00–11:00')
    expect(describeWindow(w, 'Asia/Tokyo')).toBe('Sun 22 Nov 19:00–20:00')
  })
  it('names both days across midnight', () => {
    const w = { from: Date.parse('2026-11-22T23:30:00Z'), to: Date.parse('2026-11-23T00:30:00Z') }
    expect(describeWindow(w, 'UTC')).toBe('Sun 22 Nov 23:30 – Mon 23 Nov 00:30')
  })
  it('names presets, other offsets and custom times', () => {
    expect(baselineName({ kind: 'offset', hours: 24 })).toBe('Same window yesterday')
    expect(baselineName({ kind: 'offset', hours: 168 })).toBe('1 week before')
    expect(baselineName({ kind: 'offset', hours: 3 })).toBe('3 hours before')
    expect(baselineName({ kind: 'offset', hours: 48 })).toBe('2 days before')
    expect(baselineName({ kind: 'at', start: 0 })).toBe('Custom time')
  })
})
