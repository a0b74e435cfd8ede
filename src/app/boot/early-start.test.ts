import { describe, expect, it } from 'vitest'
import { createQueryClient } from '../../api/query-client'
import { traceQueries } from '../../api/queries/traces'
import { createConsoleApiSource } from '../../api/sources/console-api'
import { prefetchFirstView, traceIdIn, viewChunkFor } from './early-start'
import { writeViewPreloads } from './view-path'

describe('viewChunkFor', () => {
  it('names the chunk of the view the address opens', () => {
    expect(viewChunkFor('/')).toBe('home')
    expect(viewChunkFor('/traces/')).toBe('search')
    expect(viewChunkFor('/traces/abc123')).toBe('trace')
    expect(viewChunkFor('/topology')).toBe('topology')
    expect(viewChunkFor('/metrics/')).toBe('metrics')
    expect(viewChunkFor('/nowhere')).toBeNull()
    expect(viewChunkFor('/traces/a/b')).toBeNull()
  })
})

describe('writeViewPreloads', () => {
  const files = { trace: ['/assets/trace-route-1.js', '/assets/trace-route-1.css'], topology: ['/assets/topology-route-2.js'] }
  const written = (path: string) => {
    const out: string[] = []
    writeViewPreloads({ write: (...text: string[]) => out.push(text.join('')) }, path, files)
    return out
  }
  it('writes preload links for the files of the view the address shows: scripts as module preloads, styles as style preloads', () => {
    expect(written('/traces/4bf92f3577b34da6')).toEqual([
      '<link rel="modulepreload" crossorigin href="/assets/trace-route-1.js"><link rel="preload" as="style" crossorigin href="/assets/trace-route-1.css">',
    ])
    expect(written('/topology/')).toEqual(['<link rel="modulepreload" crossorigin href="/assets/topology-route-2.js">'])
  })
  it('writes nothing for a view without files of its own or an unknown address', () => {
    expect(written('/errors')).toEqual([])
    expect(written('/nowhere')).toEqual([])
  })
})

describe('traceIdIn', () => {
  it('reads the trace id of a trace address, decoded', () => {
    expect(traceIdIn('/traces/4bf92f3577b34da6')).toBe('4bf92f3577b34da6')
    expect(traceIdIn('/traces/a%2Fb')).toBe('a/b')
  })
  it('leaves out traces opened from a file, unreadable ids and other pages', () => {
    expect(traceIdIn('/traces/file-1')).toBeNull()
    expect(traceIdIn('/traces/compare')).toBeNull()
    expect(traceIdIn('/traces/%E0%A4%A')).toBeNull()
    expect(traceIdIn('/traces')).toBeNull()
    expect(traceIdIn('/topology')).toBeNull()
  })
})

describe('prefetchFirstView', () => {
  it('puts the trace the address names into the cache the trace page reads, from the real source', async () => {
    const source = createConsoleApiSource()
    const client = createQueryClient()
    const key = traceQueries.detail(source, '4bf92f3577b34da6').queryKey
    prefetchFirstView(client, source, '/traces/4bf92f3577b34da6')
    // the request is under way at once, under the key the trace route uses
    expect(client.getQueryState(key)?.fetchStatus).toBe('fetching')
    prefetchFirstView(client, source, '/topology')
    expect(client.getQueryCache().getAll()).toHaveLength(1)
    await client.cancelQueries()
  })
})
