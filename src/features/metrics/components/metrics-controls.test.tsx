import { render, screen, within } from '@testing-library/react'
import { MetricsControls } from './metrics-controls'

it('writes a name with a right-to-left override or an unclosed isolate in its option visibly and isolated, so it keeps its selected value', () => {
  const services = [
    { name: '\u202eevil', layer: 'backend', framework: 'go', dcs: [], clusters: [], operations: [{ name: 'pay\u2066x', kind: 'server' as const }] },
    { name: 'checkout', layer: 'backend', framework: 'go', dcs: [], clusters: [], operations: [] },
  ]
  render(
    <MetricsControls services={services} service={'\u202eevil'} operation={null} filters={[]} groupBy={null} pct="latency_p99" labels={{ region: ['\u202eeu'] }} labelsPending={false} onChange={() => {}} />,
  )
  const serviceSelect = screen.getByRole('combobox', { name: 'Service' })
  const options = within(serviceSelect).getAllByRole('option') as HTMLOptionElement[]
  expect(options.map((o) => o.textContent)).toEqual(['\u2068⟨U+202E⟩evil\u2069', 'checkout'])
  // the value sent on choosing is the name itself, not its display form
  expect(options[0].value).toBe('\u202eevil')
  const ops = within(screen.getByRole('combobox', { name: 'Operation' })).getAllByRole('option') as HTMLOptionElement[]
  expect(ops[1].textContent).toBe('\u2068pay⟨U+2066⟩x\u2069')
  const values = within(screen.getByRole('combobox', { name: 'Filter value' })).getAllByRole('option')
  expect(values[0].textContent).toBe('\u2068⟨U+202E⟩eu\u2069')
})
