import { span, trace } from './fixtures.test-util'
import { summarizeTrace } from './summary'

describe('summarizeTrace', () => {
  it('takes the root, the whole time span, and counts spans and errors per service', () => {
    const t = trace(
      [
        span('b', 'a', 1_100, 500, { service: 'stock', status: 'error' }),
        span('a', null, 1_000, 400, { service: 'gateway', name: 'POST /api/checkout' }),
        span('c', 'a', 1_200, 100, { service: 'stock' }),
      ],
      { mode: 'posttrace', rate: 0.5 },
    )
    expect(summarizeTrace(t)).toEqual({
      traceId: 't1',
      rootService: 'gateway',
      rootOperation: 'POST /api/checkout',
      startTime: 1_000,
      duration: 600,
      spanCount: 3,
      errorCount: 1,
      services: [
        { name: 'stock', spanCount: 2, errorCount: 1 },
        { name: 'gateway', spanCount: 1, errorCount: 0 },
      ],
      sampling: { mode: 'posttrace', rate: 0.5 },
    })
  })

  it('treats a span whose parent is missing (lost or not yet received) as a root', () => {
    const t = trace([span('x', 'gone', 2_000, 10, { name: 'orphan' }), span('y', 'x', 2_005, 1)])
    expect(summarizeTrace(t).rootOperation).toBe('orphan')
  })
})
