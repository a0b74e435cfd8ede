/**
 * Which services moved most against yesterday: error rate and p99 latency of each service over a
 * window, against the same window a day earlier. Pure.
 *
 * An error-rate change is listed only when it is beyond chance: the two rates are compared as two
 * proportions of calls (calls = rps × window length), and the change must be at least
 * MIN_Z standard errors of their pooled rate. A p99 change is listed only when both windows
 * rest on at least MIN_CALLS calls and p99 moved by at least MIN_P99_RATIO either way. Each
 * figure keeps the calls it rests on, so the page can say so.
 */
export interface ServiceFigures {
  service: string
  /** calls per second over the window */
  rps: number
  /** failed calls / calls */
  errorRate: number
  /** µs */
  p99: number
  /** the source reports no error counts for it */
  errorsUnknown?: boolean
}

export interface Mover {
  service: string
  now: number
  then: number
  /** calls in the window now and a day earlier */
  callsNow: number
  callsThen: number
  /** error rate: standard errors of the change; latency: now / then */
  strength: number
}

export const MIN_Z = 4
export const MIN_CALLS = 200
export const MIN_P99_RATIO = 1.3

function bySvc(list: readonly ServiceFigures[]): Map<string, ServiceFigures> {
  return new Map(list.map((f) => [f.service, f]))
}

/** Error-rate changes beyond chance, largest first (in standard errors), at most `limit`. */
export function errorRateMovers(now: readonly ServiceFigures[], then: readonly ServiceFigures[], windowSec: number, limit = 5): Mover[] {
  const past = bySvc(then)
  const out: Mover[] = []
  for (const n of now) {
    const p = past.get(n.service)
    if (!p || n.errorsUnknown || p.errorsUnknown) continue
    const cN = n.rps * windowSec
    const cT = p.rps * windowSec
    if (cN < 1 || cT < 1) continue
    const pooled = (n.errorRate * cN + p.errorRate * cT) / (cN + cT)
    const se = Math.sqrt(pooled * (1 - pooled) * (1 / cN + 1 / cT))
    const diff = n.errorRate - p.errorRate
    if (se === 0) continue
    const z = diff / se
    if (Math.abs(z) < MIN_Z) continue
    out.push({ service: n.service, now: n.errorRate, then: p.errorRate, callsNow: cN, callsThen: cT, strength: z })
  }
  return out.sort((a, b) => Math.abs(b.strength) - Math.abs(a.strength) || a.service.localeCompare(b.service)).slice(0, limit)
}

/** p99 changes of at least MIN_P99_RATIO either way, on at least MIN_CALLS calls each, largest first, at most `limit`. */
export function latencyMovers(now: readonly ServiceFigures[], then: readonly ServiceFigures[], windowSec: number, limit = 5): Mover[] {
  const past = bySvc(then)
  const out: Mover[] = []
  for (const n of now) {
    const p = past.get(n.service)
    if (!p || n.p99 <= 0 || p.p99 <= 0) continue
    const cN = n.rps * windowSec
    const cT = p.rps * windowSec
    if (cN < MIN_CALLS || cT < MIN_CALLS) continue
    const r = n.p99 / p.p99
    if (r < MIN_P99_RATIO && r > 1 / MIN_P99_RATIO) continue
    out.push({ service: n.service, now: n.p99, then: p.p99, callsNow: cN, callsThen: cT, strength: r })
  }
  const size = (m: Mover) => Math.abs(Math.log(m.strength))
  return out.sort((a, b) => size(b) - size(a) || a.service.localeCompare(b.service)).slice(0, limit)
}
