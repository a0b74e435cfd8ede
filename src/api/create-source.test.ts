import { http, HttpResponse } from 'msw'
import { server } from '../../mocks/node'
import { createDataSource } from './create-source'
import { applyOverrides, readOverrides, writeOverrides } from './config'
import type { RuntimeConfig } from './config'

const cfg = (traces: RuntimeConfig['traces'], metrics: RuntimeConfig['metrics']): RuntimeConfig => ({ traces, metrics })

describe('data source from the configuration', () => {
  it('names both backends in the indicator label and declares what is missing', () => {
    const s = createDataSource(cfg({ kind: 'jaeger', baseUrl: 'http://j' }, { kind: 'prometheus', baseUrl: 'http://p' }))
    expect(s.label).toBe('Jaeger traces · Prometheus metrics')
    expect(s.capabilities).toMatchObject({ traces: true, metrics: true, exemplars: true, topology: true, changes: false, logs: false })
  })

  it('routes each call to the backend that answers it', async () => {
    const hits: string[] = []
    server.use(
      http.get('http://p/api/v1/*', ({ request }) => {
        hits.push(new URL(request.url).origin)
        return HttpResponse.json({ status: 'success', data: [] })
      }),
      http.get('http://j/api/dependencies', () => HttpResponse.json({ data: [{ parent: 'a', child: 'b', callCount: 60 }] })),
    )
    const both = createDataSource(cfg({ kind: 'jaeger', baseUrl: 'http://j' }, { kind: 'prometheus', baseUrl: 'http://p' }))
    await expect(both.getTopology({ from: 0, to: 60_000 })).rejects.toThrow(/no service-graph metrics/)
    expect(hits).toContain('http://p')
    // without a metrics store, Jaeger's dependency graph is the topology
    const jaegerOnly = createDataSource(cfg({ kind: 'jaeger', baseUrl: 'http://j' }, { kind: 'none' }))
    expect(jaegerOnly.label).toBe('Jaeger traces · no metrics')
    expect((await jaegerOnly.getTopology({ from: 0, to: 60_000 })).edges[0].rps).toBe(1)
    await expect(jaegerOnly.queryMetrics({ from: 0, to: 1, metric: 'request_rate', service: 'a' })).rejects.toThrow('Metrics are not available with this data source')
  })

  it('uses Tempo for metrics when no metrics store is configured', () => {
    const s = createDataSource(cfg({ kind: 'tempo', baseUrl: 'http://t' }, { kind: 'none' }))
    expect(s.capabilities.metrics).toBe(true)
    expect(s.capabilities.topology).toBe(false)
  })

  it('refuses an unknown kind in plain words', () => {
    expect(() => createDataSource(cfg({ kind: 'zipkin' }, { kind: 'none' }))).toThrow('The configured trace data source "zipkin" is not supported')
  })
})

describe('stored overrides', () => {
  it('replace a kind of the file configuration and survive a reload', () => {
    writeOverrides({ metrics: { kind: 'prometheus', baseUrl: '/prom' } }, localStorage)
    const merged = applyOverrides(cfg({ kind: 'synthetic' }, { kind: 'synthetic' }), readOverrides(localStorage))
    expect(merged).toEqual(cfg({ kind: 'synthetic' }, { kind: 'prometheus', baseUrl: '/prom' }))
    writeOverrides({}, localStorage)
    expect(readOverrides(localStorage)).toEqual({})
  })

  it('ignore a damaged stored value', () => {
    localStorage.setItem('tracelens.config.overrides', '{not json')
    expect(readOverrides(localStorage)).toEqual({})
    localStorage.clear()
  })
})
