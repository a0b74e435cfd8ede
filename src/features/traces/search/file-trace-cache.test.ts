import { describe, expect, it } from 'vitest'
import { traceQueries } from '../../../api/queries/traces'
import { createConsoleApiSource } from '../../../api/sources/console-api'
import { span } from '../../../domain/trace/fixtures.test-util'
import type { Trace } from '../../../domain/model'
import { createTestQueryClient } from '../../../test/render'
import { putFileTrace } from './file-trace-cache'

const trace = (): Trace => ({
  traceId: 'abc',
  spans: [span('root', null, 1_000_000, 400_000, { service: 'gateway', name: 'GET /' })],
  sampling: { mode: 'probability', rate: 1, triggerSpanId: null, triggerTime: null },
  warnings: [],
})

describe('putFileTrace', () => {
  it('puts a file’s trace where the trace page reads it, under an id of its content', () => {
    const client = createTestQueryClient()
    const source = createConsoleApiSource()
    const t = trace()
    const id = putFileTrace(client, source, t)
    expect(id).toMatch(/^file-[0-9a-f]{8}$/)
    expect(client.getQueryData(traceQueries.detail(source, id).queryKey)).toBe(t)
    // the same content again, in another object: the id is the same
    expect(putFileTrace(client, source, trace())).toBe(id)
  })

  it('keeps the trace already shown when the same file is opened again, so its page is not rebuilt', () => {
    const client = createTestQueryClient()
    const source = createConsoleApiSource()
    const first = trace()
    const id = putFileTrace(client, source, first)
    putFileTrace(client, source, trace(), id)
    expect(client.getQueryData(traceQueries.detail(source, id).queryKey)).toBe(first)
  })
})
