import { describe, expect, it } from 'vitest'
import type { Span } from '../../domain/model'
import { packSpans, packedSpanBuffers, unpackSpans } from './packed-spans'

const shared = { ServiceName: 'checkout', DC: 'dc-east' }
const span = (i: number): Span => ({
  traceId: 't1',
  spanId: `s${i}`,
  parentSpanId: i === 0 ? null : 's0',
  name: i % 2 ? 'GET /cart' : 'SELECT',
  kind: i === 0 ? 'server' : 'client',
  service: 'checkout',
  startTime: 1_700_000_000_000_000 + i * 0.5,
  duration: 12.25,
  status: i === 3 ? 'error' : 'ok',
  resource: i === 4 ? { ServiceName: 'checkout', DC: 'dc-west' } : shared,
  tags: { IsError: i === 3, StatusCode: 200 + i, note: 'ü ⟨RTL⟩ \u202e', empty: '' },
  events: i === 3 ? [{ time: 1_700_000_000_000_100, name: 'exception', attributes: { message: 'boom', count: 2, fatal: false } }] : [],
  metrics: { size: i * 1.5 },
  ...(i === 2 ? { parentRelation: 'follows_from' as const } : {}),
})

describe('spans packed for the page', () => {
  it('come back field for field, in order, with shared resources written once', () => {
    const spans = Array.from({ length: 6 }, (_, i) => span(i))
    const packed = packSpans(spans)
    expect(packed.resources).toHaveLength(2)
    // every string once
    expect(new Set(packed.strings).size).toBe(packed.strings.length)
    const out: Span[] = []
    unpackSpans(structuredClone(packed, { transfer: packedSpanBuffers(packed) }), out)
    expect(out).toEqual(spans)
    expect(out[0].resource).toBe(out[1].resource)
    expect('parentRelation' in out[1]).toBe(false)
  })

  it('keep names such as __proto__ and constructor as data, and change no prototype', () => {
    const hostile = span(0)
    hostile.tags = JSON.parse('{"__proto__": "x", "constructor": 5, "toString": true}') as Span['tags']
    const out: Span[] = []
    unpackSpans(packSpans([hostile]), out)
    expect(Object.keys(out[0].tags)).toEqual(['__proto__', 'constructor', 'toString'])
    expect(Object.getOwnPropertyDescriptor(out[0].tags, '__proto__')?.value).toBe('x')
    expect(Object.getPrototypeOf(out[0].tags)).toBe(Object.prototype)
    expect(({} as Record<string, unknown>).x).toBeUndefined()
  })

  it('refuse a block whose entries do not add up', () => {
    const packed = packSpans([span(0), span(1)])
    const broken = { ...packed, keys: packed.keys.slice(1) }
    expect(() => unpackSpans(broken, [])).toThrow(/does not read back/)
  })
})
