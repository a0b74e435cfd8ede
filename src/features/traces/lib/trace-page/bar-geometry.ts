import type { Zoom } from '../../../../domain/trace/detail'

/** Maps µs since epoch to a percentage of the timeline width under the current zoom. */
export interface TimeScale {
  toPct: (us: number) => number
  viewStart: number
  viewDuration: number
  traceStart: number
}

export function timeScale(traceStart: number, traceEnd: number, zoom: Zoom): TimeScale {
  const dur = Math.max(1, traceEnd - traceStart)
  const viewStart = traceStart + zoom.from * dur
  const viewDuration = Math.max(1e-9, (zoom.to - zoom.from) * dur)
  return { toPct: (us) => ((us - viewStart) / viewDuration) * 100, viewStart, viewDuration, traceStart }
}
