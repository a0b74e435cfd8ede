import { describe, expect, it } from 'vitest'
import type { Trace } from '../../domain/model'
import { isFormatError } from './format-error'
import { jaegerToTraces, traceToJaeger } from './jaeger'
import smallText from './fixtures/trace-small.json?raw'
import jdbcText from './fixtures/trace-java-jdbc.json?raw'
import { sampleTrace } from './sample-trace.test-util'

describe('jaegerToTraces', () => {
  it('reads a bare Jaeger trace object (jaeger-ui sample) with kinds, errors and parents', () => {
    const [trace] = jaegerToTraces(JSON.parse(smallText))
    expect(trace.traceId).toBe('trace-123')
    const byId = new Map(trace.spans.map((s) => [s.spanId, s]))
    const root = byId.get('span-1')
    expect(root?.parentSpanId).toBeNull()
    expect(root?.kind).toBe('server')
    const failing = byId.get('span-2')
    expect(failing?.parentSpanId).toBe('span-1')
    expect(failing?.kind).toBe('client')
    expect(failing?.status).toBe('error')
    expect(failing?.tags.IsError).toBe(1)
    expect(failing?.tags.error).toBeUndefined()
    expect(failing?.tags['span.kind']).toBeUndefined()
    expect(byId.get('span-4')?.parentSpanId).toBe('span-3')
    expect(trace.sampling.mode).toBe('unknown')
  })

  it('reads the wrapped {"data": [...]} form the query API returns, with services from processes', () => {
    const bare = JSON.parse(jdbcText) as { spans: unknown[] }
    const traces = jaegerToTraces({ data: [bare] })
    expect(traces).toHaveLength(1)
    expect(traces[0].spans).toHaveLength(bare.spans.length)
    const jdbc = traces[0].spans.find((s) => s.name === 'HikariProxyPreparedStatement.executeQuery')
    expect(jdbc?.service).not.toBe('unknown service')
    expect(jdbc?.tags.sql).toBe('select * from pet')
    expect(jdbc?.resource.ServiceName).toBe(jdbc?.service)
  })

  it('types tag values by their declared type and turns logs into events', () => {
    const [t] = jaegerToTraces({
      traceID: 't1',
      processes: { p1: { serviceName: 'stock-service', tags: [{ key: 'ip', type: 'string', value: '10.0.0.7' }] } },
      spans: [
        {
          traceID: 't1',
          spanID: 's1',
          operationName: 'ReserveStock',
          references: [],
          startTime: 1_000,
          duration: 50,
          processID: 'p1',
          tags: [
            { key: 'retries', type: 'int64', value: '3' },
            { key: 'ratio', type: 'float64', value: 0.5 },
            { key: 'cached', type: 'bool', value: 'false' },
            { key: 'otel.status_code', type: 'string', value: 'ERROR' },
            { key: 'sampler.type', type: 'string', value: 'probabilistic' },
            { key: 'sampler.param', type: 'float64', value: 0.001 },
          ],
          logs: [{ timestamp: 1_020, fields: [{ key: 'event', value: 'panic' }, { key: 'stack', value: 'goroutine 1' }] }],
        },
      ],
    })
    const s = t.spans[0]
    expect(s.tags).toMatchObject({ retries: 3, ratio: 0.5, cached: false, IsError: 1, Method: 'ReserveStock' })
    expect(s.status).toBe('error')
    expect(s.resource).toMatchObject({ ServiceName: 'stock-service', IPV4: '10.0.0.7' })
    expect(s.events).toEqual([{ time: 1_020, name: 'panic', attributes: { stack: 'goroutine 1' } }])
    expect(t.sampling).toMatchObject({ mode: 'probability', rate: 0.001 })
  })

  it('warns about spans whose process is missing instead of failing', () => {
    const [t] = jaegerToTraces({
      traceID: 't1',
      spans: [{ traceID: 't1', spanID: 's1', operationName: 'x', startTime: 1, duration: 1, processID: 'p9' }],
    })
    expect(t.spans[0].service).toBe('unknown service')
    expect(t.warnings.join(' ')).toMatch(/p9/)
  })

  it('names the invalid field and its path', () => {
    const bad = { data: [{ traceID: 't', spans: [{ traceID: 't', spanID: 's', operationName: 'x', startTime: 'soon', duration: 1 }] }] }
    try {
      jaegerToTraces(bad)
      expect.unreachable()
    } catch (e) {
      expect(isFormatError(e)).toBe(true)
      if (isFormatError(e)) {
        expect(e.path).toBe('data[0].spans[0].startTime')
        expect(e.message).toMatch(/data\[0\]\.spans\[0\]\.startTime.*number/)
      }
    }
  })

  it('gives back the same trace after export and import', () => {
    const original: Trace = jaegerToTraces(traceToJaeger(sampleTrace()))[0]
    const again = jaegerToTraces({ data: [traceToJaeger(original)] })[0]
    expect(again).toEqual(original)
    expect(original.sampling).toEqual(sampleTrace().sampling)
    expect(original.spans[1].metrics).toEqual({ OrderPrice: 42.5 })
  })
})
