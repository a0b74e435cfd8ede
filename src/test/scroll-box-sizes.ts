import { afterAll, beforeAll } from 'vitest'

/** jsdom lays nothing out: gives scroll boxes a size (1000 × 720) so virtualized lists render their rows. */
export function giveScrollBoxesASize(): void {
  const sizes = ['clientHeight', 'clientWidth'] as const
  const saved = sizes.map((k) => Object.getOwnPropertyDescriptor(HTMLElement.prototype, k))
  beforeAll(() => {
    for (const k of sizes) Object.defineProperty(HTMLElement.prototype, k, { configurable: true, get: () => (k === 'clientHeight' ? 720 : 1000) })
  })
  afterAll(() => {
    sizes.forEach((k, i) => {
      const d = saved[i]
      if (d) Object.defineProperty(HTMLElement.prototype, k, d)
    })
  })
}
