import { describe, expect, it } from 'vitest'
import { askedOnce } from './asked-once'

/** A question whose answer the test gives when it likes. */
function pending<T>() {
  let answer: (v: T) => void = () => undefined
  let fail: (e: Error) => void = () => undefined
  const p = new Promise<T>((resolve, reject) => {
    answer = resolve
    fail = reject
  })
  return { p, answer, fail }
}

/** askedOnce over `answer` (told which asking this is, from 1), counting how often it asks. */
function counted<T>(answer: (asking: number) => Promise<T>, known?: T) {
  const count = { asked: 0 }
  const get = askedOnce(() => {
    count.asked += 1
    return answer(count.asked)
  }, known)
  return { get, count }
}

describe('askedOnce', () => {
  it('asks once for every caller, and a caller going away does not cancel the answer for the others', async () => {
    const q = pending<string>()
    const { get, count } = counted(() => q.p)
    const first = new AbortController()
    const leaving = get(first.signal)
    const staying = get(new AbortController().signal)
    first.abort()
    await expect(leaving).rejects.toMatchObject({ name: 'AbortError' })
    q.answer('v3')
    await expect(staying).resolves.toBe('v3')
    await expect(get()).resolves.toBe('v3')
    expect(count.asked).toBe(1)
  })

  it('does not keep a failure: the next caller asks again', async () => {
    const { get, count } = counted((asking) => (asking === 1 ? Promise.reject(new Error('backend down')) : Promise.resolve('legacy')))
    await expect(get()).rejects.toThrow('backend down')
    await expect(get()).resolves.toBe('legacy')
    expect(count.asked).toBe(2)
  })

  it('answers a known value without asking, and refuses a caller already gone', async () => {
    const { get, count } = counted(() => Promise.resolve('v3'), 'legacy')
    await expect(get()).resolves.toBe('legacy')
    const gone = new AbortController()
    gone.abort()
    await expect(get(gone.signal)).rejects.toMatchObject({ name: 'AbortError' })
    expect(count.asked).toBe(0)
  })
})
