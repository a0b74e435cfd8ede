import { describe, expect, it } from 'vitest'
import { matchPath } from 'react-router'
import { COMPARE_ROUTE, isFileTraceId, sourceTraceIdOfPath, TRACE_ROUTE, traceIdOfPath, tracePath } from './trace-path'

describe('the trace page address', () => {
  it('reads back the id it writes, for ids that need encoding', () => {
    for (const id of ['4bf92f3577b34da6', 'a/b', 'ä b?c#d', 'file-0123abcd']) expect(traceIdOfPath(tracePath(id))).toBe(id)
    expect(traceIdOfPath(`${tracePath('abc')}/`)).toBe('abc')
  })

  it('is the pattern the router matches: every path it reads, the router sends to the trace page with the same id', () => {
    for (const id of ['4bf92f3577b34da6', 'a/b', 'ä b?c#d']) {
      const path = tracePath(id)
      const raw = matchPath(`/${TRACE_ROUTE}`, path)?.params.traceId
      expect(raw === undefined ? null : decodeURIComponent(raw)).toBe(id)
    }
  })

  it('is not the comparison page, another page, or an id that does not decode', () => {
    expect(matchPath(`/${COMPARE_ROUTE}`, '/traces/compare')).not.toBeNull()
    for (const path of ['/traces/compare', '/traces', '/traces/a/b', '/topology', '/traces/%E0%A4%A']) expect(traceIdOfPath(path)).toBeNull()
  })

  it('leaves traces opened from a file out of what a source is asked for', () => {
    expect(isFileTraceId('file-0123abcd')).toBe(true)
    expect(sourceTraceIdOfPath('/traces/file-0123abcd')).toBeNull()
    expect(sourceTraceIdOfPath('/traces/4bf92f3577b34da6')).toBe('4bf92f3577b34da6')
  })
})
