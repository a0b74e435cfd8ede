import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { INCIDENT_A_TRACE_ID, FANOUT_TRACE_ID } from '../../../../mocks/synthetic/catalogue'
import { renderWithProviders } from '../../../test/render'
import { TraceCompareRoute } from './compare-route'

const open = (url: string) => renderWithProviders(<TraceCompareRoute />, { path: '/traces/compare', url })

describe('/traces/compare', () => {
  it('aligns two traces by path, the largest contribution first, with filters in the URL', async () => {
    const { router } = open(`/traces/compare?a=${FANOUT_TRACE_ID}&b=${INCIDENT_A_TRACE_ID}`)
    const table = await screen.findByRole('table', { name: 'Paths of both traces' }, { timeout: 15_000 })
    const rows = within(table).getAllByTestId('cmp-row')
    expect(rows.length).toBeGreaterThan(1)
    expect(screen.getByText(/Rows are sorted by their contribution/)).toBeInTheDocument()
    await userEvent.click(screen.getByRole('checkbox', { name: 'Only errors' }))
    await waitFor(() => expect(router.state.location.search).toContain('errors=1'))
    for (const r of within(screen.getByRole('table', { name: 'Paths of both traces' })).getAllByTestId('cmp-row')) {
      expect(r.querySelector('.tp-err-mark')).not.toBeNull()
    }
  })

  it('says what is missing when an id is not given', () => {
    open('/traces/compare?a=abc')
    expect(screen.getByRole('alert')).toHaveTextContent(/needs two trace ids/)
  })
})
