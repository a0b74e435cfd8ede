import { describe, expect, it } from 'vitest'
import { samplingWords } from './sampling-words'

describe('samplingWords', () => {
  it('a failing head-sampled trace shows its sampler’s rate, and its inclusion probability apart', () => {
    expect(samplingWords({ mode: 'probability', rate: 0.005995, samplerRate: 0.001 })).toEqual({ samplerRate: 0.001, inclusion: 0.005995, weightRate: 0.005995 })
  })

  it('says nothing twice when the two agree', () => {
    expect(samplingWords({ mode: 'probability', rate: 0.001, samplerRate: 0.001 })).toMatchObject({ samplerRate: 0.001, inclusion: null, weightRate: 0.001 })
  })

  it('a trace without sampling information is unknown, not a rate of 100 %', () => {
    expect(samplingWords({ mode: 'unknown', rate: 1 })).toEqual({ samplerRate: null, inclusion: null, weightRate: null })
    // a rate-limiting Jaeger sampler: adaptive, rate not known
    expect(samplingWords({ mode: 'adaptive', rate: 1, samplerRate: null, rateKnown: false })).toEqual({ samplerRate: null, inclusion: null, weightRate: null })
  })

  it('an inclusion probability without the sampler’s rate (an older export) is shown as such', () => {
    expect(samplingWords({ mode: 'posttrace', rate: 0.006 })).toMatchObject({ samplerRate: null, inclusion: 0.006, weightRate: 0.006 })
  })
})
