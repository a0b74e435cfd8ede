import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { pinNow } from '../../../lib/clock'
import { renderWithProviders } from '../../../test/render'
import { giveScrollBoxesASize } from '../../../test/scroll-box-sizes'
import { PathsRoute } from './paths-route'

const NOW = Date.parse('2026-11-23T10:00:00Z')
const MIN = 60_000

// the tree-table is virtualised: its scroll box needs a size for rows to be drawn
giveScrollBoxesASize()

describe('PathsRoute', () => {
  beforeAll(() => pinNow(NOW))

  it('asks for an entry in plain words before anything is chosen', async () => {
    renderWithProviders(<PathsRoute />, { path: '/paths', url: `/paths?from=${NOW - 20 * MIN}&to=${NOW - 10 * MIN}` })
    expect(await screen.findByText('Choose an entry')).toBeInTheDocument()
  })

  it('shows the checkout path tree with what it rests on; a node collapses and links to its span', async () => {
    const url = `/paths?service=api-gateway&operation=${encodeURIComponent('POST /api/checkout')}&from=${NOW - 3 * 60 * MIN}&to=${NOW - 3 * 60 * MIN + 10 * MIN}&n=40`
    renderWithProviders(<PathsRoute />, { path: '/paths', url })
    const tree = await screen.findByRole('treegrid', {}, { timeout: 60_000 })
    await waitFor(() => expect(screen.getAllByRole('status')[0]).toHaveTextContent(/Rests on \d+ complete traces analysed of \d+ listed over 3 time slices/), { timeout: 60_000 })
    const rows = within(tree).getAllByRole('row')
    const before = rows.length
    expect(before).toBeGreaterThan(20)
    const create = rows.find((r) => r.getAttribute('data-key')?.endsWith('order-service::CreateOrder'))
    expect(create).toBeDefined()
    expect(within(create as HTMLElement).getByRole('link', { name: 'trace' }).getAttribute('href')).toMatch(/^\/traces\/[^?]+\?span=/)
    await userEvent.click(within(create as HTMLElement).getByRole('button', { name: /Collapse order-service CreateOrder/ }))
    expect(within(tree).getAllByRole('row').length).toBeLessThan(before - 5)
    expect(within(tree).queryByText('INSERT orders')).toBeNull()
  }, 120_000)
})
