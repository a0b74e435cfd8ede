import { describe, expect, it } from 'vitest'
import { rowRange, scrollTopFor } from './use-row-virtualizer'

describe('the rows a virtualised list draws', () => {
  it('draws the rows in view and `overscan` around them, never past either end', () => {
    // 20 px rows, a 100 px view scrolled to 1,000 px: rows 50–54 are in view
    expect(rowRange(100_000, 20, 3, { top: 1000, height: 100 })).toEqual({ from: 47, to: 58 })
    // a row cut by the bottom edge is drawn
    expect(rowRange(100_000, 20, 0, { top: 1010, height: 100 })).toEqual({ from: 50, to: 56 })
    expect(rowRange(100_000, 20, 12, { top: 0, height: 720 })).toEqual({ from: 0, to: 48 })
    expect(rowRange(10, 20, 12, { top: 0, height: 720 })).toEqual({ from: 0, to: 10 })
    // scrolled past the end (a list that shrank): the last rows, not none
    expect(rowRange(10, 20, 2, { top: 5000, height: 100 })).toEqual({ from: 7, to: 10 })
    expect(rowRange(0, 20, 12, { top: 0, height: 720 })).toEqual({ from: 0, to: 0 })
  })

  it('scrolls a row into view only as far as needed, or where asked', () => {
    const view = { top: 1000, height: 100 }
    expect(scrollTopFor(52, 20, view, 'auto')).toBeNull()
    expect(scrollTopFor(40, 20, view, 'auto')).toBe(800)
    expect(scrollTopFor(60, 20, view, 'auto')).toBe(1120)
    expect(scrollTopFor(60, 20, view, 'start')).toBe(1200)
    expect(scrollTopFor(60, 20, view, 'end')).toBe(1120)
    expect(scrollTopFor(60, 20, view, 'center')).toBe(1160)
    expect(scrollTopFor(0, 20, view, 'center')).toBe(0)
  })
})
