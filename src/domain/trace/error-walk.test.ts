import { describe, expect, it } from 'vitest'
import { errorWalkOrder, stepWalk } from './error-walk'

describe('error walk', () => {
  // tree order: 2 (entry, failed because a callee failed), 5, 9 (the origin), 12 (another origin)
  const walk = errorWalkOrder([9, 12], [2, 5, 9, 12])

  it('visits the chain origins first, then the other failed spans in tree order', () => {
    expect(walk).toEqual([9, 12, 2, 5])
  })

  it('starts at the first origin when nothing is selected and wraps around', () => {
    expect(stepWalk(walk, -1, 1)).toBe(9)
    expect(stepWalk(walk, 9, 1)).toBe(12)
    expect(stepWalk(walk, 5, 1)).toBe(9)
    expect(stepWalk(walk, 9, -1)).toBe(5)
    expect(stepWalk(walk, -1, -1)).toBe(5)
  })

  it('starts at the first stop from a span that is not on the walk', () => {
    expect(stepWalk(walk, 3, 1)).toBe(9)
    expect(stepWalk([], 3, 1)).toBeUndefined()
  })
})
