import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { SourceFields } from './source-fields'

const kinds = [
  { value: 'jaeger', label: 'Jaeger' },
  { value: 'prometheus', label: 'Prometheus' },
]

describe('SourceFields', () => {
  it('shows an example URL of the chosen backend, a Prometheus one for Prometheus', () => {
    const { rerender } = render(<SourceFields legend="Metrics" id="m" kinds={kinds} value={{ kind: 'prometheus' }} onChange={() => undefined} />)
    expect(screen.getByLabelText('Base URL').getAttribute('placeholder')).toContain(':9090')
    rerender(<SourceFields legend="Traces" id="t" kinds={kinds} value={{ kind: 'jaeger' }} onChange={() => undefined} />)
    expect(screen.getByLabelText('Base URL').getAttribute('placeholder')).toContain(':16686')
  })
})
