import { describe, expect, it } from 'vitest'
import { JaegerTraceSchema, traceToJaeger } from './jaeger'
import { jaegerTraceLooksValid } from './jaeger-fast-check'
import smallText from './fixtures/trace-small.json?raw'
import jdbcText from './fixtures/trace-java-jdbc.json?raw'
import { sampleTrace } from './sample-trace.test-util'

const valid = () => JSON.parse(smallText) as { spans: Record<string, unknown>[]; [k: string]: unknown }

describe('jaegerTraceLooksValid', () => {
  it('accepts what the schema accepts', () => {
    for (const t of [JSON.parse(smallText), JSON.parse(jdbcText), traceToJaeger(sampleTrace())]) {
      expect(JaegerTraceSchema.safeParse(t).success).toBe(true)
      expect(jaegerTraceLooksValid(t)).toBe(true)
    }
  })

  it.each([
    ['a missing traceID', (t: ReturnType<typeof valid>) => { delete t.traceID }],
    ['a span start as text', (t: ReturnType<typeof valid>) => { t.spans[0].startTime = '1' }],
    ['a negative duration', (t: ReturnType<typeof valid>) => { t.spans[0].duration = -1 }],
    ['an empty span id', (t: ReturnType<typeof valid>) => { t.spans[1].spanID = '' }],
    ['a tag value that is an object', (t: ReturnType<typeof valid>) => { t.spans[0].tags = [{ key: 'k', value: {} }] }],
    ['a reference without spanID', (t: ReturnType<typeof valid>) => { t.spans[1].references = [{ refType: 'CHILD_OF', traceID: 'x' }] }],
    ['a log without timestamp', (t: ReturnType<typeof valid>) => { t.spans[0].logs = [{ fields: [] }] }],
    ['a process without serviceName', (t: ReturnType<typeof valid>) => { t.processes = { p1: { tags: [] } } }],
  ])('rejects %s, like the schema', (_name, damage) => {
    const t = valid()
    damage(t)
    expect(JaegerTraceSchema.safeParse(t).success).toBe(false)
    expect(jaegerTraceLooksValid(t)).toBe(false)
  })
})
