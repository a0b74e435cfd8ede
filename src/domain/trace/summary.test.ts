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
      rootCaptured: true,
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

  it('without a root span, says the root was not captured and names the earliest span whose parent is missing', () => {
    const t = trace([span('y', 'x', 2_005, 1), span('x', 'gone', 2_000, 10, { name: 'orphan', service: 'invoice' }), span('z', 'gone2', 2_003, 20, { name: 'late' })])
    expect(summarizeTrace(t)).toMatchObject({ rootCaptured: false, rootService: 'invoice', rootOperation: 'orphan', startTime: 2_000, duration: 23 })
  })

  it('prefers a true root to an earlier orphan', () => {
    const t = trace([span('o', 'gone', 900, 10, { name: 'orphan' }), span('r', null, 1_000, 10, { name: 'root' })])
    expect(summarizeTrace(t)).toMatchObject({ rootCaptured: true, rootOperation: 'root' })
  })
})
