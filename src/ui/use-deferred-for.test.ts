import { renderHook } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { useDeferredFor } from './use-deferred-for'

describe('useDeferredFor', () => {
  it("never gives a key the value of the key before it, while the new key's render is pending", () => {
    const seen: [string, string | undefined][] = []
    const { rerender } = renderHook(
      ({ key, value }: { key: string; value: string | undefined }) => {
        const got = useDeferredFor(key, value)
        seen.push([key, got])
        return got
      },
      { initialProps: { key: 'trace-a', value: 'spans of a' as string | undefined } },
    )
    rerender({ key: 'trace-b', value: undefined })
    rerender({ key: 'trace-b', value: 'spans of b' })
    expect(seen.filter(([key, got]) => key === 'trace-b' && got === 'spans of a')).toEqual([])
    expect(seen.at(-1)).toEqual(['trace-b', 'spans of b'])
  })

  it('gives the value of the same key as it comes', () => {
    const { result, rerender } = renderHook(({ value }: { value: number | undefined }) => useDeferredFor('trace-a', value), { initialProps: { value: undefined as number | undefined } })
    expect(result.current).toBeUndefined()
    rerender({ value: 1 })
    expect(result.current).toBe(1)
  })
})
