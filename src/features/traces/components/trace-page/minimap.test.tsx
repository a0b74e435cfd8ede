import { fireEvent, render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { Zoom } from '../../../../domain/trace/detail'
import { span, trace } from '../../../../domain/trace/fixtures.test-util'
import { buildTraceTree } from '../../../../domain/trace/tree'
import { Minimap } from './minimap'

const tree = buildTraceTree(trace([span('a', null, 0, 1_000)]))

describe('Minimap keys', () => {
  it('build on the window last asked for while the page has not re-rendered with it', () => {
    const asked: Zoom[] = []
    // the parent keeps drawing the old window, as the page does until the router re-renders
    render(<Minimap tree={tree} zoom={{ from: 0.25, to: 0.5 }} onZoom={(z) => asked.push(z)} />)
    const slider = screen.getByRole('slider')
    fireEvent.keyDown(slider, { key: 'ArrowRight' })
    fireEvent.keyDown(slider, { key: 'PageDown' })
    expect(asked).toHaveLength(2)
    expect(asked[0]?.from).toBeCloseTo(0.275, 9)
    expect(asked[0]?.to).toBeCloseTo(0.525, 9)
    // a window's width further on from where ArrowRight left it, not from the window drawn
    expect(asked[1]?.from).toBeCloseTo(0.525, 9)
    expect(asked[1]?.to).toBeCloseTo(0.775, 9)
  })

  it('follow the window drawn once the page passes a new one', () => {
    const asked: Zoom[] = []
    const { rerender } = render(<Minimap tree={tree} zoom={{ from: 0.25, to: 0.5 }} onZoom={(z) => asked.push(z)} />)
    const slider = screen.getByRole('slider')
    fireEvent.keyDown(slider, { key: 'ArrowRight' })
    // the address was changed elsewhere (a reset, a link): that window is where keys start from
    rerender(<Minimap tree={tree} zoom={{ from: 0, to: 0.1 }} onZoom={(z) => asked.push(z)} />)
    fireEvent.keyDown(slider, { key: 'ArrowRight' })
    expect(asked[1]?.from).toBeCloseTo(0.01, 9)
    expect(asked[1]?.to).toBeCloseTo(0.11, 9)
  })
})
