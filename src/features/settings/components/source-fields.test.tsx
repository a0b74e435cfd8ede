import { cleanup, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { http, HttpResponse } from 'msw'
import { useState } from 'react'
import { describe, expect, it } from 'vitest'
import { server } from '../../../../mocks/node'
import type { SourceConfig } from '../../../api/config'
import { SourceFields } from './source-fields'

const kinds = [
  { value: 'jaeger', label: 'Jaeger' },
  { value: 'prometheus', label: 'Prometheus' },
]

const PROM = 'http://prometheus.test:9090'
const JAEGER = 'http://jaeger.test:16686'

/** The fields as the settings page holds them: edited values live in the page's state, unsaved. */
function Form({ initial }: { initial: SourceConfig }) {
  const [value, setValue] = useState(initial)
  return <SourceFields legend="Metrics" id="m" kinds={kinds} value={value} onChange={setValue} />
}

async function testWith(initial: SourceConfig): Promise<string> {
  cleanup()
  render(<Form initial={initial} />)
  await userEvent.click(screen.getByRole('button', { name: 'Test connection' }))
  const result = screen.getByTestId('m-test-result')
  await screen.findByText((_, el) => el === result && !/Asking|Asks the source/.test(el.textContent ?? ''), undefined, { timeout: 15_000 })
  return result.textContent ?? ''
}

describe('SourceFields', () => {
  it('shows an example URL of the chosen backend, a Prometheus one for Prometheus', () => {
    const { rerender } = render(<SourceFields legend="Metrics" id="m" kinds={kinds} value={{ kind: 'prometheus' }} onChange={() => undefined} />)
    expect(screen.getByLabelText('Base URL').getAttribute('placeholder')).toContain(':9090')
    rerender(<SourceFields legend="Traces" id="t" kinds={kinds} value={{ kind: 'jaeger' }} onChange={() => undefined} />)
    expect(screen.getByLabelText('Base URL').getAttribute('placeholder')).toContain(':16686')
  })

  describe('Test connection', () => {
    it('asks the source with the typed (unsaved) URL and header, and says what it found', async () => {
      let auth: string | null = null
      server.use(
        http.get(`${PROM}/api/v1/label/__name__/values`, ({ request }) => {
          auth = request.headers.get('authorization')
          return HttpResponse.json({ status: 'success', data: ['traces_span_metrics_calls_total', 'up'] })
        }),
      )
      render(<Form initial={{ kind: 'prometheus' }} />)
      await userEvent.type(screen.getByLabelText('Base URL'), PROM)
      await userEvent.type(screen.getByLabelText('Authorization header'), 'Bearer abc')
      await userEvent.click(screen.getByRole('button', { name: 'Test connection' }))
      expect(await screen.findByText(/^OK: Prometheus answered at .* with 2 metric names\.$/)).toBeInTheDocument()
      expect(auth).toBe('Bearer abc')
    })

    it('names a refused credential', async () => {
      server.use(http.get(`${JAEGER}/api/services`, () => new HttpResponse('no', { status: 401 })))
      expect(await testWith({ kind: 'jaeger', baseUrl: JAEGER })).toMatch(/^Refused \(401\).*Authorization header/)
    })

    it('names a wrong path', async () => {
      server.use(http.get(`${JAEGER}/jaeger/api/services`, () => new HttpResponse('not here', { status: 404 })))
      expect(await testWith({ kind: 'jaeger', baseUrl: `${JAEGER}/jaeger` })).toMatch(/^Not found \(404\).*path is probably wrong/)
    })

    it('names an answer that is not the backend asked for', async () => {
      server.use(http.get(`${PROM}/api/v1/label/__name__/values`, () => HttpResponse.text('<!doctype html><title>Grafana</title>', { headers: { 'content-type': 'text/html' } })))
      expect(await testWith({ kind: 'prometheus', baseUrl: PROM })).toMatch(/^Wrong kind of answer: .*an HTML page/)
      server.use(http.get(`${JAEGER}/api/services`, () => HttpResponse.json({ services: [] })))
      expect(await testWith({ kind: 'jaeger', baseUrl: JAEGER })).toMatch(/^Wrong kind of answer: .*not as Jaeger does/)
    })

    it('names a network failure (or a CORS refusal, which the browser does not tell apart)', async () => {
      server.use(http.get(`${JAEGER}/api/services`, () => HttpResponse.error()))
      expect(await testWith({ kind: 'jaeger', baseUrl: JAEGER })).toMatch(/^Network or CORS: /)
    })
  })
})
