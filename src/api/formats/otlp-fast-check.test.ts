import { describe, expect, it } from 'vitest'
import { OtlpTracesSchema, traceToOtlp } from './otlp'
import { otlpLooksValid } from './otlp-fast-check'
import otlpText from '../../../e2e/fixtures/checkout-trace.otlp.json?raw'
import { sampleTrace } from './sample-trace.test-util'

type Doc = { resourceSpans: { resource?: unknown; scopeSpans: { spans: Record<string, unknown>[] }[] }[] }
const valid = (): Doc => JSON.parse(otlpText) as Doc
const span0 = (d: Doc) => d.resourceSpans[0].scopeSpans[0].spans[0]

describe('otlpLooksValid', () => {
  it('accepts what the schema accepts, nested array and map values included', () => {
    const withNested = valid()
    span0(withNested).attributes = [
      { key: 'list', value: { arrayValue: { values: [{ stringValue: 'a' }, { intValue: '3' }] } } },
      { key: 'map', value: { kvlistValue: { values: [{ key: 'k', value: { boolValue: true } }] } } },
    ]
    for (const d of [valid(), traceToOtlp(sampleTrace()), withNested, { resourceSpans: [] }]) {
      expect(OtlpTracesSchema.safeParse(d).success).toBe(true)
      expect(otlpLooksValid(d)).toBe(true)
    }
  })

  it.each([
    ['a start time that is not a number of nanoseconds', (d: Doc) => { span0(d).startTimeUnixNano = '2026-11-23' }],
    ['a span without spanId', (d: Doc) => { delete span0(d).spanId }],
    ['an attribute without key', (d: Doc) => { span0(d).attributes = [{ value: { stringValue: 'x' } }] }],
    ['a string value that is a number', (d: Doc) => { span0(d).attributes = [{ key: 'k', value: { stringValue: 5 } }] }],
    ['a status code that is an object', (d: Doc) => { span0(d).status = { code: {} } }],
    ['an event without time', (d: Doc) => { span0(d).events = [{ name: 'x' }] }],
    ['a resource that is a list', (d: Doc) => { d.resourceSpans[0].resource = [] }],
  ])('rejects %s, like the schema', (_name, damage) => {
    const d = valid()
    damage(d)
    expect(OtlpTracesSchema.safeParse(d).success).toBe(false)
    expect(otlpLooksValid(d)).toBe(false)
  })
})
