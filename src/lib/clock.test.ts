import { initClockFromLocation, isPinned, now, parseTimeValue, pinNow } from './clock'
import { clearInputNotices, inputNotices } from './input-notices'
import { parseTimeRange, timeRangeProblems } from './time-range'

describe('times from outside', () => {
  afterEach(() => {
    pinNow(null)
    clearInputNotices()
    sessionStorage.clear()
  })
  it('reads ISO and ms times in 1970–2199 and refuses the rest', () => {
    expect(parseTimeValue('2026-11-23T10:00:00Z')).toEqual({ ok: true, ms: Date.UTC(2026, 10, 23, 10) })
    expect(parseTimeValue('1795000000000')).toEqual({ ok: true, ms: 1_795_000_000_000 })
    expect(parseTimeValue('99999999999999999')).toMatchObject({ ok: false, reason: expect.stringMatching(/outside/) })
    expect(parseTimeValue('yesterday')).toMatchObject({ ok: false, reason: expect.stringMatching(/not a time/) })
  })
  it('does not pin the clock with a refused ?now=, names it, and forgets a bad stored value', () => {
    sessionStorage.setItem('tracelens.pinnedNow', '99999999999999999')
    initClockFromLocation('?now=99999999999999999', sessionStorage)
    expect(isPinned()).toBe(false)
    expect(Number.isFinite(new Date(now()).getTime())).toBe(true)
    expect(inputNotices().map((n) => `${n.from}:${n.name}`)).toEqual(['address:now', 'storage:tracelens.pinnedNow'])
    expect(sessionStorage.getItem('tracelens.pinnedNow')).toBeNull()
  })
  it('falls back to the default range for an unusable absolute range, and says which parameter', () => {
    const p = new URLSearchParams('from=99999999999999999&to=99999999999999999999&range=2w')
    expect(parseTimeRange(p)).toEqual({ kind: 'relative', range: '30m' })
    expect(timeRangeProblems(p).map((x) => x.name)).toEqual(['from', 'to', 'range'])
    expect(timeRangeProblems(new URLSearchParams('from=2000&to=1000'))).toEqual([{ name: 'to', value: '1000', reason: 'it is not after "from"' }])
    expect(timeRangeProblems(new URLSearchParams('range=15m'))).toEqual([])
  })
})
