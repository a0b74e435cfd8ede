/**
 * Durations as people type them in a filter ("250ms", "1.5s", "300us", "2m") and back.
 * Values are microseconds, the unit of span durations.
 */
const UNIT_US: Record<string, number> = {
  us: 1,
  µs: 1,
  ms: 1_000,
  s: 1_000_000,
  m: 60_000_000,
  min: 60_000_000,
  h: 3_600_000_000,
}

export type DurationInput = { ok: true; us: number | undefined } | { ok: false; message: string }

/** Empty → undefined (no bound); a bare number means milliseconds. */
export function parseDurationInput(text: string): DurationInput {
  const t = text.trim().toLowerCase().replace(/\s+/g, '')
  if (t === '') return { ok: true, us: undefined }
  const m = /^(\d+(?:\.\d+)?|\.\d+)(us|µs|ms|s|m|min|h)?$/.exec(t)
  if (!m) return { ok: false, message: `"${text.trim()}" is not a duration; write e.g. 250ms, 1.5s or 300us.` }
  const us = Number(m[1]) * UNIT_US[m[2] ?? 'ms']
  return { ok: true, us: Math.round(us) }
}

/** µs → the shortest exact text parseDurationInput reads back: 250ms, 1.5s, 300us. */
export function formatDurationInput(us: number | undefined): string {
  if (us === undefined || !Number.isFinite(us)) return ''
  const units: [string, number][] = [['h', 3_600_000_000], ['m', 60_000_000], ['s', 1_000_000], ['ms', 1_000]]
  for (const [unit, size] of units) {
    const v = us / size
    const milli = v * 1000
    if (v >= 1 && Math.abs(milli - Math.round(milli)) < 1e-6) return `${Math.round(milli) / 1000}${unit}`
  }
  return `${Math.round(us)}us`
}
