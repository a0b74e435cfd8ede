/**
 * Which window the graph is compared with, as kept in the URL parameter `baseline`:
 * `baseline=<hours>` (the same window that many hours earlier, e.g. 24 = yesterday, 168 = a week
 * before; it moves with a live window) or `baseline=<ISO date-time>` (a fixed window starting
 * then, as long as the current one). Pure.
 */
export type BaselineChoice = { kind: 'offset'; hours: number } | { kind: 'at'; start: number }

export const HOUR_MS = 3_600_000

/** The offsets offered in the chooser, in hours back. */
export const BASELINE_PRESETS: readonly { hours: number; label: string }[] = [
  { hours: 24, label: 'Same window yesterday' },
  { hours: 1, label: '1 hour before' },
  { hours: 168, label: '1 week before' },
]

export function parseBaseline(raw: string | null): BaselineChoice | null {
  if (raw === null || raw === '') return null
  if (/^\d+(\.\d+)?$/.test(raw)) {
    const hours = Number(raw)
    return hours > 0 ? { kind: 'offset', hours } : null
  }
  // only full date-times with an explicit zone, so a shared link means the same moment everywhere
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(raw)) return null
  const start = Date.parse(raw)
  return Number.isFinite(start) ? { kind: 'at', start } : null
}

export function serializeBaseline(choice: BaselineChoice | null): string | null {
  if (!choice) return null
  if (choice.kind === 'offset') return String(choice.hours)
  return new Date(choice.start).toISOString().replace(/:00\.000Z$/, 'Z').replace(/\.000Z$/, 'Z')
}

/** The baseline window for the current window [from, to]. */
export function baselineWindow(choice: BaselineChoice, window: { from: number; to: number }): { from: number; to: number } {
  if (choice.kind === 'offset') {
    const shift = choice.hours * HOUR_MS
    return { from: window.from - shift, to: window.to - shift }
  }
  return { from: choice.start, to: choice.start + (window.to - window.from) }
}

export type BaselineInputProblem = 'unreadable' | 'future' | 'overlaps-now'

/**
 * Checks a custom start typed in a `datetime-local` field ("2026-11-16T09:30", read in the
 * user's time zone): it must be readable, in the past, and leave room for a whole window before now.
 */
export function checkCustomStart(
  input: string,
  nowMs: number,
  windowMs: number,
): { ok: true; start: number } | { ok: false; problem: BaselineInputProblem } {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(input.trim())
  if (!m) return { ok: false, problem: 'unreadable' }
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0))
  const date = new Date(y, mo - 1, d, h, mi, s)
  // Date rolls 31 Feb over into March: such input is not a real time
  if (date.getFullYear() !== y || date.getMonth() !== mo - 1 || date.getDate() !== d || date.getHours() !== h) return { ok: false, problem: 'unreadable' }
  const start = date.getTime()
  if (start > nowMs) return { ok: false, problem: 'future' }
  if (start + windowMs > nowMs) return { ok: false, problem: 'overlaps-now' }
  return { ok: true, start }
}

/** The same instant as a `datetime-local` value in the user's time zone. */
export function toLocalInput(ms: number): string {
  const d = new Date(ms)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`
}

const part = (parts: Intl.DateTimeFormatPart[], type: Intl.DateTimeFormatPartTypes) => parts.find((x) => x.type === type)?.value ?? ''

/**
 * "Sun 22 Nov 10:00–11:00" (or "Sun 22 Nov 23:30 – Mon 23 Nov 00:30" across midnight), in the
 * given time zone (the user's when left out).
 */
export function describeWindow(w: { from: number; to: number }, timeZone?: string): string {
  const f = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
  const a = f.formatToParts(w.from)
  const b = f.formatToParts(w.to)
  const day = (p: Intl.DateTimeFormatPart[]) => `${part(p, 'weekday')} ${part(p, 'day')} ${part(p, 'month')}`
  const time = (p: Intl.DateTimeFormatPart[]) => `${part(p, 'hour')}:${part(p, 'minute')}`
  return day(a) === day(b) ? `${day(a)} ${time(a)}–${time(b)}` : `${day(a)} ${time(a)} – ${day(b)} ${time(b)}`
}

/** How the chooser names a choice: "Same window yesterday", "3 hours before", "Custom time". */
export function baselineName(choice: BaselineChoice): string {
  if (choice.kind === 'at') return 'Custom time'
  const preset = BASELINE_PRESETS.find((p) => p.hours === choice.hours)
  if (preset) return preset.label
  if (choice.hours % 24 === 0) return `${choice.hours / 24} days before`
  return `${choice.hours} hours before`
}

export const BASELINE_PROBLEM_TEXT: Record<BaselineInputProblem, string> = {
  unreadable: 'That is not a date and time this page can read. Pick one with the date and time fields.',
  future: 'That time is in the future. A baseline has to be a window that already happened.',
  'overlaps-now': 'A window starting then would not be over yet. Pick an earlier start.',
}

/** Live ticks move an offset baseline by a refresh interval at most; further apart is another choice. */
export const BASELINE_SLACK_MS = 5 * 60_000

/**
 * Whether a baseline answer for the window starting at `answerFrom` can stand for the wanted one
 * while its successor loads: the same choice a live tick ago, not the previous choice (whose
 * differences would be labelled with the new window).
 */
export function answersBaseline(answerFrom: number, wanted: { from: number }): boolean {
  return Math.abs(answerFrom - wanted.from) <= BASELINE_SLACK_MS
}
