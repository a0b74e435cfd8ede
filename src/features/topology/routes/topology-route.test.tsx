import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { http, HttpResponse } from 'msw'
import { injectFault } from '../../../../mocks/control'
import { server } from '../../../../mocks/node'
import { createCompositeSource } from '../../../api/sources/composite'
import { createJaegerSource } from '../../../api/sources/jaeger'
import { pinNow } from '../../../lib/clock'
import { renderWithProviders } from '../../../test/render'
import { TopologyRoute } from './topology-route'


const NOW = Date.parse('2026-11-23T10:00:00Z')
const WINDOW = `from=${NOW - 30 * 60_000}&to=${NOW}&live=0`

beforeEach(() => pinNow(NOW))
afterEach(() => pinNow(null))

const nodeList = () => screen.findByRole('list', { name: 'Nodes of the graph' }, { timeout: 10_000 })

describe('TopologyRoute', () => {
  it('lists the services of the graph, problems first, with health in words', async () => {
    renderWithProviders(<TopologyRoute />, { path: '/topology', url: `/topology?${WINDOW}` })
    expect(screen.getByText('Loading the service graph…')).toBeInTheDocument()
    const list = await nodeList()
    const stock = within(list).getByRole('button', { name: /stock-service/ })
    expect(stock).toHaveTextContent('Critical')
    expect(within(list).getAllByRole('button')[0]).toHaveTextContent(/Critical/)
  })

  it('opens a node’s details with links to its traces, error chains and metrics', async () => {
    const user = userEvent.setup()
    const { router } = renderWithProviders(<TopologyRoute />, { path: '/topology', url: `/topology?${WINDOW}` })
    const list = await nodeList()
    await user.click(within(list).getByRole('button', { name: /stock-service/ }))
    const details = screen.getByRole('complementary', { name: 'Details' })
    expect(within(details).getByRole('heading', { name: 'stock-service' })).toBeInTheDocument()
    expect(router.state.location.search).toContain('sel=node%3Astock-service')
    const traces = within(details).getByRole('link', { name: 'Traces through stock-service' })
    expect(traces.getAttribute('href')).toMatch(/^\/traces\?service=stock-service&from=\d+&to=\d+/)
    expect(within(details).getByRole('link', { name: 'Error chains' }).getAttribute('href')).toContain('/errors?service=stock-service')
    expect(within(details).getByRole('table', { name: 'Top callers' })).toHaveTextContent('order-service')
    await waitFor(() => expect(within(details).getAllByText(/deploy/).length).toBeGreaterThan(0), { timeout: 10_000 })
  })

  it('toggles an overlay into the URL and the legend', async () => {
    const user = userEvent.setup()
    const { router } = renderWithProviders(<TopologyRoute />, { path: '/topology', url: `/topology?${WINDOW}` })
    await nodeList()
    const legend = screen.getByRole('group', { name: 'Overlays and legend' })
    const latency = within(legend).getByRole('button', { name: 'Latency' })
    expect(latency).toHaveAttribute('aria-pressed', 'false')
    await user.click(latency)
    expect(latency).toHaveAttribute('aria-pressed', 'true')
    expect(within(legend).getByText(/labels p50\/p99/)).toBeInTheDocument()
    expect(router.state.location.search).toContain('overlays=traffic%2Clatency%2Cerrors')
  })

  it('compares with a chosen baseline, names its window, and refuses a custom time it cannot use', async () => {
    const user = userEvent.setup()
    const { router } = renderWithProviders(<TopologyRoute />, { path: '/topology', url: `/topology?${WINDOW}` })
    await nodeList()
    const chooser = screen.getByRole('combobox', { name: 'Compare with a baseline' })
    await user.selectOptions(chooser, '1 hour before')
    expect(router.state.location.search).toMatch(/baseline=1(&|$)/)
    const legend = screen.getByRole('group', { name: 'Overlays and legend' })
    await waitFor(() => expect(within(legend).getByTestId('legend-baseline')).toHaveTextContent(/^1 hour before: vs Mon 23 Nov \d\d:30–\d\d:00/), { timeout: 10_000 })
    await waitFor(() => expect(within(legend).getByTestId('baseline-summary')).toHaveTextContent(/changed|no differences/), { timeout: 10_000 })

    await user.selectOptions(chooser, 'Custom time…')
    const form = screen.getByRole('form', { name: 'Custom baseline' })
    const start = within(form).getByLabelText('Starting at (your time)')
    await user.clear(start)
    await user.click(within(form).getByRole('button', { name: 'Compare' }))
    expect(within(form).getByRole('alert')).toHaveTextContent('That is not a date and time this page can read.')
    expect(start).toHaveAttribute('aria-invalid', 'true')
    // 20 minutes ago: a 30-minute window starting then is not over yet
    const local = new Date(NOW - 20 * 60_000)
    const p = (n: number) => String(n).padStart(2, '0')
    await user.type(start, `${local.getFullYear()}-${p(local.getMonth() + 1)}-${p(local.getDate())}T${p(local.getHours())}:${p(local.getMinutes())}`)
    await user.click(within(form).getByRole('button', { name: 'Compare' }))
    expect(within(form).getByRole('alert')).toHaveTextContent('would not be over yet')
    expect(router.state.location.search).toMatch(/baseline=1(&|$)/)

    await user.click(within(form).getByRole('button', { name: 'Cancel' }))
    await user.selectOptions(chooser, 'Nothing')
    expect(router.state.location.search).not.toContain('baseline=')
    expect(within(legend).queryByTestId('legend-baseline')).toBeNull()
  })

  it('from Jaeger (metrics none): says why rates are all it has, without naming data centres it does not have', async () => {
    server.use(
      http.get('http://jaeger.test/api/dependencies', () => HttpResponse.json({ data: [{ parent: 'frontend', child: 'checkout', callCount: 1800 }] })),
      http.get('http://jaeger.test/api/services', () => HttpResponse.json({ data: ['checkout', 'frontend'] })),
    )
    const source = createCompositeSource({ traces: createJaegerSource({ name: 'Jaeger', baseUrl: 'http://jaeger.test' }, { api: 'legacy' }), metrics: null })
    renderWithProviders(<TopologyRoute />, { path: '/topology', url: `/topology?${WINDOW}`, source })
    await nodeList()
    expect(screen.getByText(/call counts only/)).toBeInTheDocument()
    expect(screen.queryByText(/Nodes of\s+are shown/)).toBeNull()
    expect(screen.queryByText(/Nodes of/)).toBeNull()
  })

  it('from Jaeger (metrics none): a service’s details give its rate alone: errors not reported, no figure called a peak', async () => {
    const user = userEvent.setup()
    server.use(
      http.get('http://jaeger.test/api/dependencies', () => HttpResponse.json({ data: [{ parent: 'frontend', child: 'checkout', callCount: 1800 }] })),
      http.get('http://jaeger.test/api/services', () => HttpResponse.json({ data: ['checkout', 'frontend'] })),
    )
    const source = createCompositeSource({ traces: createJaegerSource({ name: 'Jaeger', baseUrl: 'http://jaeger.test' }, { api: 'legacy' }), metrics: null })
    renderWithProviders(<TopologyRoute />, { path: '/topology', url: `/topology?${WINDOW}`, source })
    const list = await nodeList()
    const checkout = within(list).getByRole('button', { name: /checkout/ })
    // 1,800 calls over 30 min
    expect(checkout).toHaveTextContent(/1(\.00)?\/s$/)
    await user.click(checkout)
    const details = screen.getByRole('complementary', { name: 'Details' })
    expect(within(details).getByText('Errors', { selector: 'dt' }).nextElementSibling).toHaveTextContent('not reported')
    expect(within(details).queryByText(/^Peak/)).toBeNull()
    // and the legend explains no error colours it does not use
    expect(screen.getByTestId('legend-errors')).toHaveTextContent('errors: not reported by this source')
  })

  it('from Jaeger: opening the graph of many services sends no request per service (operations wait until one is chosen)', async () => {
    const names = Array.from({ length: 60 }, (_, i) => `svc-${String(i).padStart(2, '0')}`)
    const links = names.slice(1).map((child, i) => ({ parent: names[Math.floor(i / 3)], child, callCount: 10 + i }))
    server.use(
      http.get('http://jaeger.test/api/dependencies', () => HttpResponse.json({ data: links })),
      http.get('http://jaeger.test/api/services', () => HttpResponse.json({ data: names })),
      http.get('http://jaeger.test/api/operations', () => HttpResponse.json({ data: [] })),
      http.get('http://jaeger.test/api/services/:service/operations', () => HttpResponse.json({ data: [] })),
    )
    const asked: string[] = []
    const count = ({ request }: { request: Request }) => {
      const url = new URL(request.url)
      if (url.host === 'jaeger.test') asked.push(url.pathname)
    }
    server.events.on('request:start', count)
    try {
      const source = createCompositeSource({ traces: createJaegerSource({ name: 'Jaeger', baseUrl: 'http://jaeger.test' }, { api: 'legacy' }), metrics: null })
      renderWithProviders(<TopologyRoute />, { path: '/topology', url: `/topology?${WINDOW}`, source })
      const list = await nodeList()
      expect(within(list).getAllByRole('button').length).toBeGreaterThan(0)
      // whatever is asked lazily after the first answer has had time to go out
      await new Promise((r) => setTimeout(r, 300))
      expect(asked.filter((p) => p.includes('operations'))).toEqual([])
      expect(asked.length).toBeLessThanOrEqual(2)
      expect(new Set(asked)).toEqual(new Set(['/api/dependencies', '/api/services']))
    } finally {
      server.events.removeListener('request:start', count)
    }
  })

  it('says in plain words when the graph cannot be loaded, and retries', async () => {
    injectFault({ path: '/api/v1/topology', status: 503, message: 'topology store unavailable', times: 1 })
    const user = userEvent.setup()
    renderWithProviders(<TopologyRoute />, { path: '/topology', url: `/topology?${WINDOW}` })
    const alert = await screen.findByRole('alert', {}, { timeout: 10_000 })
    expect(alert).toHaveTextContent('The service graph could not be loaded')
    await user.click(within(alert).getByRole('button', { name: 'Retry' }))
    expect(await nodeList()).toBeInTheDocument()
  })
})
