import { render, screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { FULL_ZOOM } from '../../../../domain/trace/detail'
import { span } from '../../../../domain/trace/fixtures.test-util'
import { TracePreviewBuilder } from '../../../../domain/trace/preview'
import { ArrivingTracePage } from './arriving-trace-page'
import { giveScrollBoxesASize } from '../../../../test/scroll-box-sizes'

giveScrollBoxesASize()
import type { TraceUrlState } from '../../hooks/use-trace-url'

const url: TraceUrlState = {
  span: null, chain: null, zoom: FULL_ZOOM, raw: false, query: '', hideUnmatched: false, errorsOnly: false,
  services: [], critical: false, criticalOnly: false, stats: false, atOrigin: false,
}

function previewOf(complete: boolean) {
  const b = new TracePreviewBuilder(80, { mode: 'probability' })
  ;[
    span('root', null, 1_000_000, 400_000, { service: 'gateway', name: 'GET /checkout' }),
    span('pay', 'root', 1_100_000, 200_000, { service: 'payment', name: 'Charge', status: 'error' }),
    span('db', 'pay', 1_150_000, 20_000, { service: 'payment-db', name: 'INSERT' }),
  ].forEach((s) => b.add(s))
  return { rows: b.rows(complete), start: 1_000_000, end: 1_400_000 }
}

describe('ArrivingTracePage', () => {
  it('shows the first rows of a trace still arriving, nested, with how much has come; its tools out of use', async () => {
    const preview = previewOf(false)
    render(<ArrivingTracePage traceId="abc" progress={{ spans: 3, total: 50_000, preview }} preview={preview} url={url} />)
    const grid = screen.getByRole('treegrid', { name: 'First spans of this trace, still arriving' })
    const rows = await within(grid).findAllByRole('row')
    // the last span's children may still come: it is held back
    expect(rows.map((r) => [r.getAttribute('aria-level'), r.textContent])).toEqual([
      ['1', '▾gatewayGET /checkout400 ms'],
      ['2', '▾!paymentCharge200 ms'],
    ])
    expect(screen.getByRole('status')).toHaveTextContent('Receiving the trace: 3 of 50,000 spans')
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('gatewayGET /checkout')
    expect(screen.getByRole('toolbar', { hidden: true })).toHaveAttribute('inert')
  })

  it('says the tree is being arranged once every span is in', () => {
    const preview = previewOf(true)
    render(<ArrivingTracePage traceId="abc" progress={{ spans: 3, total: 3, preview }} preview={preview} url={url} />)
    expect(screen.getByRole('status')).toHaveTextContent('All 3 spans received; arranging the tree…')
    expect(within(screen.getByRole('treegrid')).getAllByRole('row')).toHaveLength(3)
  })
})
