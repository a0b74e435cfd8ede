import { describe, expect, it } from 'vitest'
import { errorsHref } from '../../../lib/links'
import { readErrorsView, writeErrorsView } from './url'

describe('errors view URL', () => {
  it('reads the parameters other views link with (errorsHref)', () => {
    const href = errorsHref({ service: 'api-gateway', origin: 'stock-service', dc: 'dc-east' }, { from: 1, to: 2 })
    const view = readErrorsView(new URLSearchParams(href.split('?')[1]))
    expect(view).toEqual({ service: 'api-gateway', origin: 'stock-service', dc: 'dc-east', pick: null, sort: 'growth' })
  })
  it('sorts by volume when not scoped to a service, and round-trips a diagram pick', () => {
    const p = writeErrorsView(new URLSearchParams('from=1&to=2'), { pick: { from: 'order-service', to: 'checkout-bff' } })
    expect(p.get('from')).toBe('1')
    expect(readErrorsView(p)).toMatchObject({ sort: 'volume', pick: { from: 'order-service', to: 'checkout-bff' } })
    expect(readErrorsView(writeErrorsView(p, { pick: null })).pick).toBeNull()
  })
})
