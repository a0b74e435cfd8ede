import { describe, expect, it } from 'vitest'
import { SAMPLING_MODES } from './model'
import { samplingLabel } from './query'
import type { SamplingLabelForm } from './query'

const FORMS: SamplingLabelForm[] = ['name', 'short', 'long']

describe('samplingLabel', () => {
  it('tells every sampling mode apart in every form', () => {
    for (const form of FORMS) {
      const labels = SAMPLING_MODES.map((m) => samplingLabel(m, form))
      expect(new Set(labels).size).toBe(SAMPLING_MODES.length)
      for (const l of labels) expect(l.trim()).not.toBe('')
    }
  })

  it('says the same thing in each form: the short form is the name’s first word, the long form starts with the name', () => {
    for (const m of SAMPLING_MODES) {
      const name = samplingLabel(m)
      expect(name.split(' ')[0]).toBe(samplingLabel(m, 'short'))
      expect(samplingLabel(m, 'long').startsWith(name)).toBe(true)
    }
  })

  it('names a mode as a user reads it, capitalised, never the wire value', () => {
    expect(samplingLabel('probability')).toBe('Fixed probability')
    expect(samplingLabel('posttrace', 'short')).toBe('PostTrace')
    for (const m of SAMPLING_MODES) expect(samplingLabel(m)).toMatch(/^[A-Z]/)
  })
})
