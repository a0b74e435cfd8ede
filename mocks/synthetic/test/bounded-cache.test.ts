// @vitest-environment node
import { BoundedCache } from '../bounded-cache'

function clock() {
  let t = 0
  return { now: () => t, advance: (ms: number) => void (t += ms) }
}

it('never holds more than its budget, dropping the least recently used first', () => {
  const cache = new BoundedCache<string, string>({ maxWeight: 10, weigh: (v) => v.length })
  cache.set('a', 'aaaa')
  cache.set('b', 'bbbb')
  expect(cache.get('a')).toBe('aaaa') // a is now the most recently used
  cache.set('c', 'cccc')
  expect(cache.weight).toBeLessThanOrEqual(10)
  expect(cache.has('b')).toBe(false)
  expect(cache.get('a')).toBe('aaaa')
  expect(cache.get('c')).toBe('cccc')
  for (let i = 0; i < 1000; i++) {
    cache.set(`k${i}`, 'x'.repeat(1 + (i % 7)))
    expect(cache.weight).toBeLessThanOrEqual(10)
  }
})

it('keeps no value heavier than the whole budget, and keeps the rest then', () => {
  const cache = new BoundedCache<string, string>({ maxWeight: 5, weigh: (v) => v.length })
  cache.set('small', 'ab')
  cache.set('big', 'abcdef')
  expect(cache.has('big')).toBe(false)
  expect(cache.weight).toBeLessThanOrEqual(5)
})

it('replacing a key counts its weight once', () => {
  const cache = new BoundedCache<string, string>({ maxWeight: 100, weigh: (v) => v.length })
  cache.set('a', 'aaa')
  cache.set('a', 'aaaaa')
  expect(cache.weight).toBe(5)
  expect(cache.size).toBe(1)
})

it('drops what has not been asked for within the idle limit, and keeps what has', () => {
  const c = clock()
  const cache = new BoundedCache<number, number>({ maxWeight: 1000, idleMs: 60_000, now: c.now })
  for (let i = 0; i < 10; i++) cache.set(i, i * i)
  c.advance(30_000)
  expect(cache.get(3)).toBe(9) // used: its idle time starts again
  c.advance(40_000)
  cache.set(100, 1) // a write sweeps the idle ones
  expect(cache.size).toBe(2)
  expect(cache.get(3)).toBe(9)
  expect(cache.get(100)).toBe(1)
  expect(cache.get(4)).toBeUndefined()
  c.advance(61_000)
  expect(cache.get(3)).toBeUndefined() // a read past the idle limit misses
})

it('a sliding window keeps a constant number of entries however long it runs', () => {
  const c = clock()
  const cache = new BoundedCache<number, number>({ maxWeight: 1_000_000, idleMs: 120_000, now: c.now })
  // a live view of 30 slots that moves one slot every 10 s and asks for all of them every 10 s
  const sizes: number[] = []
  for (let tick = 0; tick < 2000; tick++) {
    for (let s = tick; s < tick + 30; s++) cache.getOrCreate(s, () => s)
    c.advance(10_000)
    sizes.push(cache.size)
  }
  const settled = sizes.slice(100)
  expect(Math.max(...settled)).toBe(Math.min(...settled))
  expect(Math.max(...settled)).toBeLessThanOrEqual(30 + 12 + 1)
})
