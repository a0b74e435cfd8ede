/** Number and time formatting with units and sensible precision. Pure, except that times default to the
 * console's time zone setting (./time-zone). */
import { otherZone, timeZoneSetting, wallTime, zoneOffsetMinutes } from './time-zone'
import type { TimeZoneSetting } from './time-zone'

const trim = (s: string) => (s.includes('.') ? s.replace(/\.?0+$/, '') : s)

/** A number with sensible precision: 3 figures below 100 (1.25, 12.5), none above (125). */
export function withPrecision(value: number): string {
  const abs = Math.abs(value)
  if (abs >= 100) return value.toFixed(0)
  if (abs >= 10) return trim(value.toFixed(1))
  return trim(value.toFixed(2))
}

/** Formats a duration given in microseconds: 850 µs, 12.4 ms, 3.21 s, 4 min 12 s. */
export function formatDuration(us: number): string {
  if (!Number.isFinite(us)) return '–'
  if (us === 0) return '0 ms'
  // the unit is chosen after rounding, so 999.7 µs reads "1 ms", not "1000 µs"
  const abs = Math.abs(us)
  if (abs < 1000 && Math.abs(Number(withPrecision(us))) < 1000) return `${withPrecision(us)} µs`
  if (abs < 1_000_000 && Math.abs(Number(withPrecision(us / 1000))) < 1000) return `${withPrecision(us / 1000)} ms`
  if (abs < 60_000_000 && Math.abs(Number(withPrecision(us / 1_000_000))) < 60) return `${withPrecision(us / 1_000_000)} s`
  const totalS = Math.round(us / 1_000_000)
  const h = Math.floor(totalS / 3600)
  const m = Math.floor((totalS % 3600) / 60)
  const s = totalS % 60
  return h > 0 ? `${h} h ${m} min` : `${m} min ${s} s`
}

/**
 * An estimate with its 95 % interval as a share of it: "≈ 155k ± 4 %" (se: standard error).
 * "± <1 %" when the interval is narrower than 1 %; exact zero reads "0".
 */
export function formatEstimate(value: number, se: number): string {
  if (!Number.isFinite(value)) return '–'
  if (value <= 0) return se > 0 ? `≈ 0 (± ${compactCount(Math.round(1.96 * se))})` : '0'
  const margin = (1.96 * se) / value
  const pct = Math.round(margin * 100)
  const text = margin > 0 && pct < 1 ? '<1' : String(pct)
  return `≈ ${compactCount(Math.round(value))} ± ${text} %`
}

/** Counts in one style from a thousand on (3.38k beside 15k, not 3375 beside 15k), for estimates and volumes. */
export function compactCount(n: number): string {
  return Math.abs(n) >= 1000 && Math.abs(n) < 1e4 ? `${withPrecision(n / 1000)}k` : formatCount(n)
}

/** A volume: a count over every trace reads as a plain number ("486,350"), an estimate with its interval ("≈ 486k ± 4 %"). */
export function formatVolume(e: { value: number; se: number; exact?: boolean }): string {
  if (e.exact) return Number.isFinite(e.value) ? formatCount(Math.round(e.value)) : '–'
  return formatEstimate(e.value, e.se)
}

/** Formats a rate per second: 0.42/s, 12.3/s, 1.2k/s; a trickle under 0.01/s reads "<0.01/s", never "0/s". */
export function formatRate(perSecond: number): string {
  if (!Number.isFinite(perSecond)) return '–'
  if (perSecond > 0 && perSecond < 0.01) return '<0.01/s'
  // a negative rate that rounds to zero (a counter's float noise, -0) reads "0/s", never "-0/s"
  if (perSecond <= 0 && perSecond > -0.005) return '0/s'
  return `${formatCount(perSecond)}/s`
}

/** Compact count: 950, 12.3k, 4.5M. */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return '–'
  const abs = Math.abs(n)
  if (abs >= 1e9) return `${withPrecision(n / 1e9)}G`
  if (abs >= 1e6) return `${withPrecision(n / 1e6)}M`
  if (abs >= 1e4) return `${withPrecision(n / 1e3)}k`
  if (Number.isInteger(n)) return String(n)
  return withPrecision(n)
}

/**
 * A whole number with thousands separators: 100,000. Written out by hand: the first
 * toLocaleString of a page loads the locale data (tens of ms), on the way to the first rows.
 */
export function formatInteger(n: number): string {
  if (!Number.isFinite(n)) return '–'
  const r = Math.round(n)
  const digits = String(Math.abs(r)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return r < 0 ? `−${digits}` : digits
}

/** A ratio in [0, 1] as a percentage: 0.1 %, 12.5 %, 100 %. */
export function formatPercent(ratio: number): string {
  if (!Number.isFinite(ratio)) return '–'
  const pct = ratio * 100
  if (pct === 0) return '0 %'
  if (Math.abs(pct) < 0.01) return '<0.01 %'
  return `${withPrecision(pct)} %`
}

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB']

/** Bytes: 512 B, 1.5 KiB, 20 MiB. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return '–'
  const units = BYTE_UNITS
  let v = bytes
  let i = 0
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024
    i++
  }
  return `${i === 0 ? String(Math.round(v)) : withPrecision(v)} ${units[i]}`
}

/**
 * Labels for the ticks of one axis in one unit, the one its highest value `max` reads best in, so
 * that a scale does not jump from "900 B" to "1.17 KiB" or from "800 µs" to "1 ms" between ticks:
 * `kind` 'bytes' (B, KiB, MiB…) or 'us' (a duration in µs: µs, ms or s). Zero reads "0".
 */
export function axisLabels(kind: 'bytes' | 'us', max: number): (v: number) => string {
  const top = Number.isFinite(max) ? Math.abs(max) : 0
  let scale = 1
  let unit: string
  if (kind === 'bytes') {
    let k = 0
    while (top / scale >= 1024 && k < BYTE_UNITS.length - 1) {
      scale *= 1024
      k++
    }
    unit = BYTE_UNITS[k]
  } else if (top < 1000) unit = 'µs'
  else if (top < 1_000_000) [scale, unit] = [1000, 'ms']
  else [scale, unit] = [1_000_000, 's']
  return (v) => (v === 0 ? '0' : Number.isFinite(v) ? `${withPrecision(v / scale)} ${unit}` : '–')
}

/**
 * A tick interval for a bytes axis up to `max` that is round in the unit axisLabels writes it in
 * (256 B, 2 KiB, 5 KiB…: 1, 2, 2.5 or 5 × a power of ten of that unit), about `ticks` ticks high.
 */
export function byteAxisInterval(max: number, ticks = 5): number {
  if (!Number.isFinite(max) || max <= 0) return 1
  let scale = 1
  while (max / scale >= 1024 && scale < 1024 ** 4) scale *= 1024
  const raw = max / scale / ticks
  const pow = 10 ** Math.floor(Math.log10(raw))
  const step = [1, 2, 2.5, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? 10 * pow
  return step * scale
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0')

/*
 * Times are shown in one zone, the console's setting (UTC or the browser's zone, ./time-zone);
 * `zone` overrides it (e.g. for the "other zone" shown on hover).
 */

/** Absolute time, to the second: 2026-11-23 14:05:09 (without the zone; see formatZone). */
export function formatAbsolute(ms: number, zone: TimeZoneSetting = timeZoneSetting()): string {
  const w = wallTime(ms, zone)
  return `${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`
}

/** Clock time only: 14:05:09 (with .123 when `millis`). */
export function formatClock(ms: number, millis = false, zone: TimeZoneSetting = timeZoneSetting()): string {
  const w = wallTime(ms, zone)
  const base = `${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`
  return millis ? `${base}.${pad(w.millis, 3)}` : base
}

/** Hours and minutes: 14:05. */
export function formatHourMinute(ms: number, zone: TimeZoneSetting = timeZoneSetting()): string {
  const w = wallTime(ms, zone)
  return `${pad(w.hour)}:${pad(w.minute)}`
}

/** The zone's offset at `ms`, as shown next to clock times: "UTC", "UTC+8", "UTC−3:30", "UTC−5". */
export function formatZone(ms: number, zone: TimeZoneSetting = timeZoneSetting()): string {
  const off = zoneOffsetMinutes(ms, zone)
  if (off === 0) return 'UTC'
  const a = Math.abs(off)
  return `UTC${off > 0 ? '+' : '−'}${Math.floor(a / 60)}${a % 60 ? `:${pad(a % 60)}` : ''}`
}

/** An absolute time with its zone: "2026-11-23 14:05:09 UTC". */
export function formatAbsoluteZoned(ms: number, zone: TimeZoneSetting = timeZoneSetting()): string {
  return `${formatAbsolute(ms, zone)} ${formatZone(ms, zone)}`
}

/** A clock time with its zone: "14:05:09 UTC−5". */
export function formatClockZoned(ms: number, zone: TimeZoneSetting = timeZoneSetting()): string {
  return `${formatClock(ms, false, zone)} ${formatZone(ms, zone)}`
}

/** The same instant in the zone not chosen, for hover text: "2026-11-23 09:05:09 UTC−5 (browser)". */
export function formatOtherZone(ms: number, zone: TimeZoneSetting = timeZoneSetting()): string {
  const other = otherZone(zone)
  return `${formatAbsoluteZoned(ms, other)} (${other === 'utc' ? 'UTC' : 'browser time'})`
}

/** A window "14:00–14:30 UTC", with the date when it is not the same day at both ends. */
export function formatWindow(from: number, to: number, zone: TimeZoneSetting = timeZoneSetting()): string {
  const a = formatAbsolute(from, zone)
  const b = formatAbsolute(to, zone)
  const sameDay = a.slice(0, 10) === b.slice(0, 10)
  const end = sameDay ? formatHourMinute(to, zone) : `${b.slice(5, 10)} ${formatHourMinute(to, zone)}`
  return `${a.slice(5, 10)} ${formatHourMinute(from, zone)}–${end} ${formatZone(to, zone)}`
}

/** Relative time against `nowMs`: "just now", "42 s ago", "5 min ago", "3 h ago", "2 d ago", "in 5 min". */
export function formatRelative(ms: number, nowMs: number): string {
  const diff = nowMs - ms
  const future = diff < 0
  const s = Math.abs(diff) / 1000
  let text: string
  if (s < 5) return 'just now'
  if (s < 60) text = `${Math.round(s)} s`
  else if (s < 3600) text = `${Math.round(s / 60)} min`
  else if (s < 86400) text = `${Math.round(s / 3600)} h`
  else text = `${Math.round(s / 86400)} d`
  return future ? `in ${text}` : `${text} ago`
}

/** "1 trace", "2 traces", "1,000 traces": a count with its noun, singular for exactly one. */
export function plural(n: number, noun: string, nouns = `${noun}s`): string {
  return `${formatInteger(n)} ${n === 1 ? noun : nouns}`
}

/**
 * Characters that change how the text around them reads without being seen: bidirectional
 * overrides, embeddings, isolates and marks, zero-width characters, and C0/C1 controls other
 * than tab and newline.
 */
function isHiddenControl(c: number): boolean {
  return (
    c <= 0x08 ||
    (c >= 0x0b && c <= 0x1f) ||
    (c >= 0x7f && c <= 0x9f) ||
    c === 0x061c ||
    (c >= 0x200b && c <= 0x200f) ||
    (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2060 && c <= 0x2069) ||
    c === 0xfeff
  )
}

/**
 * Text from data (a service, span or tag name) as shown: every hidden control character is
 * written out as its code point ("⟨U+202E⟩"), so a right-to-left override cannot make "\u202eevil"
 * read as "live", and the reader sees that the name holds one.
 */
export function showControls(text: string): string {
  let out = ''
  for (const ch of text) {
    const c = ch.charCodeAt(0)
    out += isHiddenControl(c) ? `⟨U+${c.toString(16).toUpperCase().padStart(4, '0')}⟩` : ch
  }
  return out
}

/**
 * Text from data inside a string the page draws as plain text, where `<bdi>` cannot go (a canvas
 * label of a graph or chart, an `<option>`): its hidden controls shown, and the whole wrapped in
 * FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE, so a right-to-left name cannot reorder the
 * glyphs, numbers or words drawn next to it.
 */
export function isolateText(text: string): string {
  return RIGHT_TO_LEFT.test(text) || [...text].some((ch) => isHiddenControl(ch.charCodeAt(0))) ? `\u2068${showControls(text)}\u2069` : text
}

/**
 * Right-to-left letters (Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic, their
 * presentation forms, and the right-to-left blocks beyond the BMP). Text with neither one of these
 * nor a hidden control cannot reorder what is drawn next to it, and is left as it is.
 */
const RIGHT_TO_LEFT = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u

/** Text from data inside HTML a chart writes (a tooltip): escaped, controls shown, isolated in `<bdi>`. */
export function htmlText(text: string): string {
  return `<bdi>${showControls(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)}</bdi>`
}
