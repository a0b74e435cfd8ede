import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { bigTraceId, INCIDENT_A_TRACE_ID } from '../../../../../../mocks/synthetic/catalogue'
import { renderWithProviders } from '../../../../../test/render'
import { TraceRoute } from '../../../routes/trace-route'

const open = (url: string) => renderWithProviders(<TraceRoute />, { path: '/traces/:traceId', url })

describe('per-trace service graph', () => {
  it('shows the failing trace’s services with the error chain from its origin (stock-service) marked', async () => {
    const { router } = open(`/traces/${INCIDENT_A_TRACE_ID}`)
    await userEvent.click(await screen.findByRole('tab', { name: 'Service graph' }, { timeout: 10_000 }))
    await waitFor(() => expect(router.state.location.search).toContain('view=graph'))
    const nodes = await screen.findByRole('table', { name: 'Nodes of the trace graph' }, { timeout: 10_000 })
    const stock = within(nodes).getAllByRole('row').find((r) => /stock-service/.test(r.textContent ?? ''))
    expect(stock).toBeDefined()
    expect(within(stock as HTMLElement).getByText('origin')).toBeInTheDocument()
    const calls = screen.getByRole('table', { name: 'Calls of the trace graph' })
    const chain = within(calls).getAllByText('error chain')
    expect(chain.length).toBeGreaterThan(0)
    // the chain's calls are listed first
    expect(within(calls).getAllByRole('row')[1]).toHaveTextContent('error chain')
    // the services counted are the trace's own, as its header counts them; callees known only from their callers apart
    const services = screen.getByText('Services', { selector: 'dt' }).nextElementSibling?.textContent ?? ''
    const summary = screen.getByTestId('tgraph-summary').textContent ?? ''
    const counted = /^(\d+) services and (\d+) callees? not captured, \d+ calls between them, from 47 spans$/.exec(summary)
    expect(counted?.[1]).toBe(services)
    expect(Number(counted?.[1]) + Number(counted?.[2])).toBe(within(nodes).getAllByRole('row').length - 1)
  })

  it('aggregates a 10,000-span batch trace to its handful of services, with every span counted', async () => {
    open(`/traces/${bigTraceId(10_000)}?view=graph`)
    const summary = await screen.findByTestId('tgraph-summary', undefined, { timeout: 30_000 })
    expect(summary).toHaveTextContent(/from 10,000 spans/)
    const nodes = screen.getByRole('table', { name: 'Nodes of the trace graph' })
    const counts = within(nodes)
      .getAllByRole('row')
      .slice(1)
      .map((r) => Number((r.children[1].textContent ?? '0').replace(/,/g, '')))
    expect(counts.length).toBeLessThan(10)
    expect(counts.reduce((a, b) => a + b, 0)).toBe(10_000)
  }, 60_000)
})
