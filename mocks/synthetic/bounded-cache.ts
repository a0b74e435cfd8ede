/**
 * The synthetic backend's caches: least-recently-used with a weight budget (bytes, characters or
 * rows, as the cache says) and an idle limit. A live view slides its window forward every refresh,
 * so the slots and answers it no longer asks for are dropped once they have been idle for
 * `idleMs`, and what is still asked for stays; the budget caps what a wide window can hold. A
 * cache only saves work: what is evicted is computed again, identically (the world is
 * deterministic), so eviction changes how long an answer takes, never the answer.
 */
export interface BoundedCacheOptions<V> {
  /** the most the cache holds, in the unit `weigh` returns */
  maxWeight: number
  /** the weight of one value; 1 (a count) when absent */
  weigh?: (value: V) => number
  /** entries unused for longer than this are dropped (ms); no idle limit when absent */
  idleMs?: number
  /** the clock for the idle limit (ms); the process's monotonic clock when absent */
  now?: () => number
}

interface Slot<V> {
  value: V
  weight: number
  usedAt: number
}

export class BoundedCache<K, V> {
  /** in order of last use, least recent first */
  private readonly entries = new Map<K, Slot<V>>()
  private total = 0
  private readonly maxWeight: number
  private readonly weigh: (value: V) => number
  private readonly idleMs: number
  private readonly now: () => number

  constructor(options: BoundedCacheOptions<V>) {
    this.maxWeight = options.maxWeight
    this.weigh = options.weigh ?? (() => 1)
    this.idleMs = options.idleMs ?? Infinity
    this.now = options.now ?? (() => performance.now())
  }

  get size(): number {
    return this.entries.size
  }

  /** the summed weight of what is held */
  get weight(): number {
    return this.total
  }

  has(key: K): boolean {
    return this.entries.has(key)
  }

  get(key: K): V | undefined {
    const slot = this.entries.get(key)
    if (!slot) return undefined
    const t = this.now()
    if (t - slot.usedAt > this.idleMs) {
      this.drop(key, slot)
      return undefined
    }
    this.entries.delete(key)
    slot.usedAt = t
    this.entries.set(key, slot)
    return slot.value
  }

  set(key: K, value: V): void {
    const old = this.entries.get(key)
    if (old) this.drop(key, old)
    const weight = this.weigh(value)
    const t = this.now()
    this.evict(t, weight)
    // a value heavier than the whole budget is not kept (it would evict everything else)
    if (weight > this.maxWeight) return
    this.entries.set(key, { value, weight, usedAt: t })
    this.total += weight
  }

  /** the cached value of `key`, made and kept when absent */
  getOrCreate(key: K, make: () => V): V {
    const hit = this.get(key)
    if (hit !== undefined) return hit
    const value = make()
    this.set(key, value)
    return value
  }

  clear(): void {
    this.entries.clear()
    this.total = 0
  }

  private drop(key: K, slot: Slot<V>): void {
    this.entries.delete(key)
    this.total -= slot.weight
  }

  /** drops idle entries, then the least recently used until `incoming` fits */
  private evict(t: number, incoming: number): void {
    for (const [key, slot] of this.entries) {
      const idle = t - slot.usedAt > this.idleMs
      if (!idle && this.total + incoming <= this.maxWeight) break
      this.drop(key, slot)
    }
  }
}

/**
 * How long the world's caches keep what nobody asks for: twice the slowest live refresh (5 min),
 * so a live view's window stays cached between its refreshes and what slid out of it goes.
 */
export const WORLD_CACHE_IDLE_MS = 10 * 60_000
