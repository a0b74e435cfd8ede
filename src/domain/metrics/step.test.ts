import { describe, expect, it } from 'vitest'
import { chooseStep, viewWindow, zoomAround } from './step'

const MIN = 60_000

describe('step and window', () => {
  it('chooses a nice step that keeps the point count bounded', () => {
    expect(chooseStep({ from: 0, to: 30 * MIN })).toBe(15_000)
    expect(chooseStep({ from: 0, to: 24 * 60 * MIN })).toBe(10 * MIN)
    expect(chooseStep({ from: 0, to: 24 * 60 * MIN }, 1440)).toBe(MIN)
  })

  it('moves the window to a marked time outside it, never past now', () => {
    const w = { from: 100 * MIN, to: 130 * MIN }
    expect(viewWindow(w, 110 * MIN, 130 * MIN)).toBe(w)
    expect(viewWindow(w, 40 * MIN, 130 * MIN)).toEqual({ from: 10 * MIN, to: 70 * MIN })
    expect(zoomAround(105 * MIN, w)).toEqual({ from: 100 * MIN, to: 115 * MIN })
  })
})
