import { describe, expect, it } from 'vitest'
import { axisLabels, byteAxisInterval, formatBytes, formatCount, formatDuration, formatEstimate, formatInteger, formatPercent, formatRate, formatRelative, htmlText, isolateText, plural, showControls } from './format'

describe('formatDuration (µs in)', () => {
  it('picks the unit that keeps three significant digits', () => {
    expect(formatDuration(850)).toBe('850 µs')
    expect(formatDuration(12_400)).toBe('12.4 ms')
    expect(formatDuration(3_210_000)).toBe('3.21 s')
    expect(formatDuration(252_000_000)).toBe('4 min 12 s')
    expect(formatDuration(7_380_000_000)).toBe('2 h 3 min')
  })
  it('moves to the next unit when rounding reaches it', () => {
    expect(formatDuration(999.7)).toBe('1 ms')
    expect(formatDuration(999_800)).toBe('1 s')
    expect(formatDuration(59_999_000)).toBe('1 min 0 s')
  })
  it('reads zero as 0 ms and unreadable input as a dash', () => {
    expect(formatDuration(0)).toBe('0 ms')
    expect(formatDuration(NaN)).toBe('–')
  })
})

describe('formatRate', () => {
  it('never shows a trickle of traffic as 0/s', () => {
    expect(formatRate(0.004)).toBe('<0.01/s')
    expect(formatRate(-0)).toBe('0/s')
    expect(formatRate(-1e-9)).toBe('0/s')
    expect(formatRate(0)).toBe('0/s')
    expect(formatRate(0.42)).toBe('0.42/s')
    expect(formatRate(12_345)).toBe('12.3k/s')
  })
})

describe('formatInteger', () => {
  it('groups thousands with commas, like en-US, and rounds', () => {
    expect([0, 7, 999, 1000, 42318, 100000, 1234567.6, -2500].map(formatInteger)).toEqual(['0', '7', '999', '1,000', '42,318', '100,000', '1,234,568', '−2,500'])
    for (const n of [12, 1234, 98765, 100000, 4294967295]) expect(formatInteger(n)).toBe(n.toLocaleString('en-US'))
    expect(formatInteger(NaN)).toBe('–')
  })
})

describe('formatCount, formatPercent, formatBytes', () => {
  it('compacts counts with a unit letter', () => {
    expect(formatCount(950)).toBe('950')
    expect(formatCount(12_300)).toBe('12.3k')
    expect(formatCount(4_500_000)).toBe('4.5M')
  })
  it('formats ratios as percentages, small ones as an upper bound', () => {
    expect(formatPercent(0.125)).toBe('12.5 %')
    expect(formatPercent(0)).toBe('0 %')
    expect(formatPercent(0.00005)).toBe('<0.01 %')
  })
  it('uses binary units for bytes', () => {
    expect(formatBytes(512)).toBe('512 B')
    expect(formatBytes(1536)).toBe('1.5 KiB')
    expect(formatBytes(20 * 1024 * 1024)).toBe('20 MiB')
  })
})

describe('formatRelative', () => {
  it('says how long ago, or how far ahead', () => {
    const now = 1_000_000_000
    expect(formatRelative(now - 2_000, now)).toBe('just now')
    expect(formatRelative(now - 42_000, now)).toBe('42 s ago')
    expect(formatRelative(now - 300_000, now)).toBe('5 min ago')
    expect(formatRelative(now + 300_000, now)).toBe('in 5 min')
  })
})

describe('formatEstimate', () => {
  it('states the estimate with its 95 % interval as a share of it', () => {
    expect(formatEstimate(155_000, 3_163)).toBe('≈ 155k ± 4 %')
    expect(formatEstimate(1_000, 1)).toBe('≈ 1k ± <1 %')
    // one style from a thousand on: '≈ 3.38k' beside '≈ 15k', never '≈ 3375'
    expect(formatEstimate(3_375, 100)).toBe('≈ 3.38k ± 6 %')
    expect(formatEstimate(15_000, 100)).toBe('≈ 15k ± 1 %')
    expect(formatEstimate(950, 10)).toBe('≈ 950 ± 2 %')
    expect(formatEstimate(0, 0)).toBe('0')
  })
})

describe('plural', () => {
  it('says "1 trace" and "2 traces", with thousands separators', () => {
    expect(plural(1, 'trace')).toBe('1 trace')
    expect(plural(0, 'error')).toBe('0 errors')
    expect(plural(1500, 'span')).toBe('1,500 spans')
    expect(plural(1, 'entry', 'entries')).toBe('1 entry')
    expect(plural(3, 'entry', 'entries')).toBe('3 entries')
  })
})

describe('showControls', () => {
  it('writes out the hidden characters that would reorder or hide a name, and leaves other text alone', () => {
    expect(showControls('\u202eevil')).toBe('⟨U+202E⟩evil')
    expect(showControls('pay\u200bment\u2066x\u2069')).toBe('pay⟨U+200B⟩ment⟨U+2066⟩x⟨U+2069⟩')
    expect(showControls('a\u0000b\u007f')).toBe('a⟨U+0000⟩b⟨U+007F⟩')
    expect(showControls('line 1\nline 2\tend')).toBe('line 1\nline 2\tend')
    expect(showControls('الدفع checkout 支付')).toBe('الدفع checkout 支付')
  })
})

describe('isolateText (data drawn where <bdi> cannot go: canvas labels, <option>)', () => {
  const FSI = '\u2068'
  const PDI = '\u2069'
  /** the directional formatting characters left in a string: only the one isolate pair may remain */
  const bidiControls = (s: string) => [...s].filter((ch) => /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/u.test(ch))

  it('shows a right-to-left override and closes it in an isolate, so what follows keeps its order', () => {
    const label = `✖ ${isolateText('\u202eevil')} · 12/s`
    expect(label).toBe(`✖ ${FSI}⟨U+202E⟩evil${PDI} · 12/s`)
    expect(bidiControls(label)).toEqual([FSI, PDI])
  })

  it('shows an unclosed left-to-right isolate (U+2066) that would otherwise take in the rest of the line', () => {
    const label = `${isolateText('pay\u2066ments')} p99 3 ms`
    expect(label).toBe(`${FSI}pay⟨U+2066⟩ments${PDI} p99 3 ms`)
    expect(bidiControls(label)).toEqual([FSI, PDI])
  })

  it('isolates right-to-left letters, which would pull neighbouring numbers into their run', () => {
    expect(isolateText('שירות-תשלום')).toBe(`${FSI}שירות-תשלום${PDI}`)
    expect(isolateText('خدمة')).toBe(`${FSI}خدمة${PDI}`)
  })

  it('leaves left-to-right text without controls as it is', () => {
    expect(isolateText('checkout-service GET /cart')).toBe('checkout-service GET /cart')
  })
})

describe('htmlText (data inside chart tooltip HTML)', () => {
  it('escapes markup, shows controls and isolates the text in <bdi>', () => {
    expect(htmlText('<img src=x onerror=alert(1)>\u202e')).toBe('<bdi>&#60;img src=x onerror=alert(1)&#62;⟨U+202E⟩</bdi>')
  })
})

describe('axisLabels', () => {
  it('writes every tick of a bytes axis in the unit of its highest value', () => {
    const ticks = [0, 300, 600, 900, 1200]
    expect(ticks.map(axisLabels('bytes', 1100))).toEqual(['0', '0.29 KiB', '0.59 KiB', '0.88 KiB', '1.17 KiB'])
    expect(ticks.map(axisLabels('bytes', 1000))).toEqual(['0', '300 B', '600 B', '900 B', '1200 B'])
    expect([0, 2 ** 20, 3 * 2 ** 20].map(axisLabels('bytes', 3 * 2 ** 20))).toEqual(['0', '1 MiB', '3 MiB'])
  })

  it('writes every tick of a duration axis (µs) in µs, ms or s, from its highest value', () => {
    expect([0, 400, 800, 1200].map(axisLabels('us', 1100))).toEqual(['0', '0.4 ms', '0.8 ms', '1.2 ms'])
    expect([0, 250, 500].map(axisLabels('us', 500))).toEqual(['0', '250 µs', '500 µs'])
    expect([0, 500_000, 1_500_000].map(axisLabels('us', 1_500_000))).toEqual(['0', '0.5 s', '1.5 s'])
  })
})

describe('byteAxisInterval', () => {
  it('gives a tick interval round in the unit the labels use', () => {
    expect(byteAxisInterval(17_600)).toBe(5 * 1024)
    expect(byteAxisInterval(700)).toBe(200)
    expect(byteAxisInterval(3 * 2 ** 20)).toBe(2 ** 20)
    expect(byteAxisInterval(0)).toBe(1)
  })
})
