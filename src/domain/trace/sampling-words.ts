import type { SamplingInfo } from '../model'

/**
 * What a trace's sampling says, for its header: the sampler's rate, and the inclusion probability
 * apart from it where the two differ (a failing request could be kept by the head sampler or by
 * PostTrace, so it was kept with more than either rate). Nothing known is said as "unknown",
 * never as a rate of 100 %. Pure.
 */
export interface SamplingWords {
  /** the sampler's rate, or null when not known */
  samplerRate: number | null
  /** the inclusion probability when known and different from the sampler's rate (by more than 1 %), else null */
  inclusion: number | null
  /** the probability 1/weight stands on (inclusion, else the sampler's rate); null when neither is known */
  weightRate: number | null
}

export function samplingWords(s: Pick<SamplingInfo, 'mode' | 'rate' | 'samplerRate' | 'rateKnown'>): SamplingWords {
  if (s.mode === 'unknown') return { samplerRate: null, inclusion: null, weightRate: null }
  const rate = s.rateKnown === false ? null : s.rate
  const sampler = s.samplerRate ?? null
  const differs = rate !== null && (sampler === null || Math.abs(rate - sampler) > 0.01 * sampler)
  return { samplerRate: sampler, inclusion: differs ? rate : null, weightRate: rate ?? sampler }
}
