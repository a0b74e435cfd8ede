import { describe, expect, it } from 'vitest'
import type { FlowLink, FlowNode } from '../../../domain/error-chain/flow'
import { sankeyOption } from './sankey-option'

const nodes: FlowNode[] = [
  { id: '0|stock-service', service: 'stock-service', depth: 0, terminal: false, value: 3375 },
  { id: '1|order-service', service: 'order-service', depth: 1, terminal: true, value: 15_400 },
]

describe('sankeyOption', () => {
  it('writes the estimated errors in one style from a thousand on, and keeps the tooltip inside the chart', () => {
    const links: FlowLink[] = [{ id: 'l', source: '0|stock-service', target: '1|order-service', from: 'stock-service', to: 'order-service', value: 3375 }]
    const option = sankeyOption({ nodes, links }, { fg: 'black', service: () => 'blue' }, null)
    const tooltip = option.tooltip as { confine?: boolean; formatter: (p: unknown) => string }
    expect(tooltip.confine).toBe(true)
    expect(tooltip.formatter({ dataType: 'node', data: { name: '0|stock-service', value: 3375 } })).toMatch(/stock-service<\/bdi><br\/>≈ 3\.38k errors \(estimate\)$/)
    expect(tooltip.formatter({ dataType: 'node', data: { name: '1|order-service', value: 15_400 } })).toMatch(/order-service<\/bdi><br\/>≈ 15\.4k errors \(estimate\)$/)
    expect(tooltip.formatter({ dataType: 'edge', data: { source: '0|stock-service', target: '1|order-service', value: 3375 } })).toMatch(/stock-service<\/bdi> → <bdi>order-service<\/bdi><br\/>≈ 3\.38k errors \(estimate\)$/)
  })
})
