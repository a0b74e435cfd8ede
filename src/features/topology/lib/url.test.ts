import { describe, expect, it } from 'vitest'
import { parseViewState, writeViewState } from './url'

describe('topology URL state', () => {
  it('reads defaults from an empty URL', () => {
    const s = parseViewState(new URLSearchParams())
    expect(s).toMatchObject({ focus: null, up: 1, down: 1, groupBy: 'service', layout: 'layered', live: true, refreshSec: 10, selection: null })
    expect(s.overlays).toEqual({ traffic: true, latency: false, errors: true })
  })
  it('round-trips every part of the view', () => {
    const p = writeViewState(new URLSearchParams('range=15m'), {
      focus: 'order-service', up: 2, down: 3, groupBy: 'dc', overlays: { traffic: false, latency: true, errors: false },
      layout: 'force', live: false, selection: { kind: 'edge', id: 'a->b' }, baseline: { kind: 'offset', hours: 168 }, whatIf: { entry: 'api-gateway', factor: 3 },
      find: 'stock', problemsOnly: true,
    })
    expect(p.get('range')).toBe('15m')
    const s = parseViewState(p)
    expect(s).toMatchObject({ focus: 'order-service', up: 2, down: 3, groupBy: 'dc', layout: 'force', live: false, baseline: { kind: 'offset', hours: 168 }, find: 'stock', problemsOnly: true })
    expect(s.overlays).toEqual({ traffic: false, latency: true, errors: false })
    expect(s.selection).toEqual({ kind: 'edge', id: 'a->b' })
    expect(s.whatIf).toEqual({ entry: 'api-gateway', factor: 3 })
  })
  it('keeps an absolute baseline start readable in the URL and reads old hour links', () => {
    const p = writeViewState(new URLSearchParams(), { baseline: { kind: 'at', start: Date.parse('2026-11-16T09:30:00Z') } })
    expect(p.get('baseline')).toBe('2026-11-16T09:30Z')
    expect(parseViewState(p).baseline).toEqual({ kind: 'at', start: Date.parse('2026-11-16T09:30:00Z') })
    expect(parseViewState(new URLSearchParams('baseline=24')).baseline).toEqual({ kind: 'offset', hours: 24 })
    expect(writeViewState(p, { baseline: null }).has('baseline')).toBe(false)
  })
  it('ignores out-of-range depth and unknown grouping', () => {
    const s = parseViewState(new URLSearchParams('up=9&down=0&groupBy=pod'))
    expect(s).toMatchObject({ up: 1, down: 1, groupBy: 'service' })
  })
  it('keeps defaults out of the URL', () => {
    expect(writeViewState(new URLSearchParams(), { up: 1, groupBy: 'service', live: true, focus: null }).toString()).toBe('')
  })
})
