import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { node } from '../../../domain/topology/fixtures.test-util'
import { NodeList } from './node-list'

describe('NodeList', () => {
  it('shows a node’s error share, and none where its source reports no errors (not 0 %)', () => {
    const nodes = [node('checkout', { rps: 12, errorRate: 0.034 }), node('ads-edge', { rps: 265, errorRate: 0, errorsUnknown: true, health: 'unknown' })]
    render(<NodeList nodes={nodes} health={new Map()} selectedId={null} found={new Set()} onSelect={() => {}} />)
    const checkout = screen.getByRole('button', { name: /checkout/ })
    expect(checkout.textContent).toMatch(/12(\.0)?\/s · 3\.4 %/)
    const ads = screen.getByRole('button', { name: /ads-edge/ })
    expect(ads.textContent).toMatch(/265\/s$/)
    expect(ads.textContent).not.toContain('%')
  })
})
