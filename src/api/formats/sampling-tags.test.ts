import { describe, expect, it } from 'vitest'
import { samplingFromTags, samplingToTags } from './otel-mapping'
import { samplingWords } from '../../domain/trace/sampling-words'

describe('sampling carried in tags', () => {
  it('keeps the sampler’s rate apart from the inclusion probability across export and import', () => {
    const s = { mode: 'probability' as const, rate: 0.006, samplerRate: 0.001, triggerSpanId: null, triggerTime: null }
    expect(samplingFromTags(samplingToTags(s))).toEqual(s)
  })

  it('a Jaeger rate-limiting sampler is adaptive with its rate unknown, not 100 %', () => {
    const s = samplingFromTags({ 'sampler.type': 'ratelimiting', 'sampler.param': 2 })
    expect(s).toMatchObject({ mode: 'adaptive', rateKnown: false })
    expect(samplingWords(s!)).toEqual({ samplerRate: null, inclusion: null, weightRate: null })
    // and stays unknown through an export
    expect(samplingFromTags(samplingToTags(s!))).toMatchObject({ mode: 'adaptive', rateKnown: false })
  })

  it('a probabilistic Jaeger sampler gives both rates', () => {
    expect(samplingFromTags({ 'sampler.type': 'probabilistic', 'sampler.param': 0.25 })).toMatchObject({ mode: 'probability', rate: 0.25, samplerRate: 0.25 })
  })
})
