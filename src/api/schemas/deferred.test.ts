import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { deferred } from './deferred'
import { parseWith } from '../http/parse'

describe('deferred schemas', () => {
  it('are built on their first use, once, not when declared', () => {
    let built = 0
    const Point = deferred(() => {
      built += 1
      return z.object({ x: z.number(), y: z.number().nonnegative() })
    })
    expect(built).toBe(0)
    expect(Point.parse({ x: 1, y: 2 })).toEqual({ x: 1, y: 2 })
    expect(Point.safeParse({ x: 1, y: 3 }).success).toBe(true)
    expect(built).toBe(1)
  })

  it('report a bad answer by its field, as the schema itself does', () => {
    const Point = deferred(() => z.object({ x: z.number(), y: z.number().nonnegative() }))
    expect(() => parseWith(Point, { x: 1, y: -2 }, { source: 'console API', url: '/api/v1/x' })).toThrow(/field "y"/)
  })

  it('compose into other schemas, deferred or not, also recursively', () => {
    type Tree = { name: string; children?: Tree[] }
    const Node: z.ZodType<Tree> = deferred(() => z.lazy(() => z.object({ name: z.string(), children: z.array(Node).optional() })))
    const Answer = deferred(() => z.object({ root: Node, tags: z.array(deferred(() => z.string().min(1))) }))
    const Plain = z.object({ answer: Answer.optional() })
    const good = { answer: { root: { name: 'a', children: [{ name: 'b' }] }, tags: ['t'] } }
    expect(Plain.parse(good)).toEqual(good)
    const bad = Plain.safeParse({ answer: { root: { name: 'a', children: [{ name: 7 }] }, tags: ['t'] } })
    expect(bad.success).toBe(false)
    expect(bad.error?.issues[0].path).toEqual(['answer', 'root', 'children', 0, 'name'])
    expect(Answer instanceof z.ZodType).toBe(true)
  })
})
