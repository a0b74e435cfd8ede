import { describe, expect, it } from 'vitest'
import { axisTicks, clampZoom, foldText, formatZoom, groupTags, parseZoom } from './detail'
import { span } from './fixtures.test-util'

describe('groupTags', () => {
  it('groups resource fields and tags by convention, dropping empty groups', () => {
    const s = span('x', null, 0, 1, {
      tags: { ToService: 'stock', StatusCode: 500, 'http.method': 'POST', 'db.statement': 'SELECT 1', MqTopic: 'orders', Custom: 'x' },
      metrics: { price: 3 },
    })
    const g = groupTags(s)
    // a span with database fields is a database call: its call fields are shown with them
    expect(g.map((x) => x.name)).toEqual(['Resource', 'HTTP', 'DB', 'MQ', 'Other'])
    expect(g[2].entries.map(([k]) => k)).toEqual(['ToService', 'StatusCode', 'db.statement'])
    expect(g[4].entries).toEqual([['Custom', 'x'], ['price', 3]])
    expect(groupTags(span('y', null, 0, 1)).map((x) => x.name)).toEqual(['Resource'])
  })

  it('shows an "RPC" section for RPC spans only, and the call fields under the kind of call the span is', () => {
    const names = (tags: Record<string, string | number>) =>
      groupTags(span('s', null, 0, 1, { tags }))
        .filter((g) => g.name !== 'Resource')
        .map((g) => [g.name, g.entries.map(([k]) => k)])
    expect(names({ Method: 'GET', ToService: 'cart', ToServiceType: 'http', StatusCode: 200, 'url.full': 'http://cart/items' })).toEqual([['HTTP', ['Method', 'ToService', 'ToServiceType', 'StatusCode', 'url.full']]])
    expect(names({ ToService: 'payment.Payments', ToMethod: 'Charge', ToServiceType: 'grpc' })).toEqual([['RPC', ['ToService', 'ToMethod', 'ToServiceType']]])
    expect(names({ ToService: 'orders', ToServiceType: 'postgresql', 'db.query.text': 'SELECT 1' })).toEqual([['DB', ['ToService', 'ToServiceType', 'db.query.text']]])
    expect(names({ ToService: 'orders', ToServiceType: 'kafka' })).toEqual([['MQ', ['ToService', 'ToServiceType']]])
    expect(names({ Method: 'render', IsError: 0, Custom: 'x' })).toEqual([['Call', ['Method', 'IsError']], ['Other', ['Custom']]])
  })
})

describe('foldText', () => {
  it('keeps short values whole and folds long ones by characters or lines', () => {
    expect(foldText('short')).toEqual({ head: 'short', folded: false, hiddenChars: 0 })
    const big = 'x'.repeat(1_000_000)
    const f = foldText(big)
    expect(f.folded).toBe(true)
    expect(f.head.length).toBe(400)
    expect(f.hiddenChars).toBe(1_000_000 - 400)
    const stack = Array.from({ length: 30 }, (_, i) => `at frame${i}`).join('\n')
    expect(foldText(stack).head.split('\n')).toHaveLength(12)
  })
})

describe('axisTicks', () => {
  it('picks round steps', () => {
    expect(axisTicks(0, 1000, 5)).toEqual([0, 200, 400, 600, 800, 1000])
    expect(axisTicks(130, 480, 4)).toEqual([200, 300, 400])
  })
})

describe('zoom', () => {
  it('round-trips through the URL and clamps bad input', () => {
    expect(parseZoom('0.1-0.35')).toEqual({ from: 0.1, to: 0.35 })
    expect(parseZoom('nonsense')).toEqual({ from: 0, to: 1 })
    expect(formatZoom({ from: 0, to: 1 })).toBeNull()
    expect(formatZoom({ from: 0.25, to: 0.5 })).toBe('0.25-0.5')
    expect(clampZoom({ from: 0.9, to: -1 })).toEqual({ from: 0, to: 0.9 })
    const tiny = clampZoom({ from: 0.5, to: 0.5 })
    expect(tiny.to - tiny.from).toBeCloseTo(0.0005)
  })
})
