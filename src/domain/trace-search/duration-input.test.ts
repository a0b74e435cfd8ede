import { describe, expect, it } from 'vitest'
import { formatDurationInput, parseDurationInput } from './duration-input'

describe('parseDurationInput', () => {
  it.each([
    ['250ms', 250_000],
    ['1.5s', 1_500_000],
    ['300us', 300],
    ['300µs', 300],
    [' 2 m ', 120_000_000],
    ['1h', 3_600_000_000],
    ['40', 40_000],
    ['.5s', 500_000],
  ])('reads %j as %d µs', (text, us) => {
    expect(parseDurationInput(text)).toEqual({ ok: true, us })
  })

  it('reads an empty field as no bound', () => {
    expect(parseDurationInput('  ')).toEqual({ ok: true, us: undefined })
  })

  it.each(['fast', '-5ms', '1.5 sec', '5days'])('rejects %j with an example of what works', (text) => {
    const r = parseDurationInput(text)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.message).toMatch(/250ms/)
  })
})

describe('formatDurationInput', () => {
  it.each([
    [250_000, '250ms'],
    [1_500_000, '1.5s'],
    [300, '300us'],
    [120_000_000, '2m'],
    [1_234_567, '1234.567ms'],
    [undefined, ''],
  ])('writes %j µs as %j, which reads back to the same value', (us, text) => {
    expect(formatDurationInput(us)).toBe(text)
    if (us !== undefined) expect(parseDurationInput(text)).toEqual({ ok: true, us })
  })
})
