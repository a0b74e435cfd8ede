import { describe, expect, it } from 'vitest'
import { followsFromParent, resendCount } from './relations'

describe('followsFromParent', () => {
  it('follows an explicit relation first', () => {
    expect(followsFromParent({ kind: 'server', parentRelation: 'follows_from' }, { kind: 'client' })).toBe(true)
    expect(followsFromParent({ kind: 'consumer', parentRelation: 'child_of' }, { kind: 'producer' })).toBe(false)
  })

  it('reads messaging as async when the source does not say, and nothing else', () => {
    expect(followsFromParent({ kind: 'consumer' }, { kind: 'producer' })).toBe(true)
    expect(followsFromParent({ kind: 'server' }, { kind: 'producer' })).toBe(true)
    expect(followsFromParent({ kind: 'consumer' }, { kind: 'internal' })).toBe(true)
    expect(followsFromParent({ kind: 'server' }, { kind: 'client' })).toBe(false)
    expect(followsFromParent({ kind: 'client' }, { kind: 'server' })).toBe(false)
  })
})

describe('resendCount', () => {
  it('is the http.request.resend_count attribute, 0 when absent or not a positive whole number', () => {
    expect(resendCount({ tags: { 'http.request.resend_count': 1 } })).toBe(1)
    expect(resendCount({ tags: { 'http.request.resend_count': '2' } })).toBe(2)
    expect(resendCount({ tags: {} })).toBe(0)
    expect(resendCount({ tags: { 'http.request.resend_count': 'x' } })).toBe(0)
  })
})
