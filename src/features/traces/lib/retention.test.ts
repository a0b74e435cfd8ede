import { createConsoleApiSource } from '../../../api/sources/console-api'
import { createCompositeSource } from '../../../api/sources/composite'
import { createJaegerSource } from '../../../api/sources/jaeger'
import { retentionPhrase } from './retention'

describe('retentionPhrase', () => {
  it('gives the retention the source states, and no figure for a backend that states none', () => {
    expect(retentionPhrase(createConsoleApiSource())).toBe('traces are kept for 15 days')
    const jaeger = createCompositeSource({ traces: createJaegerSource({ name: 'Jaeger', baseUrl: 'http://jaeger.test' }), metrics: null })
    expect(retentionPhrase(jaeger)).toBe('traces are kept only as long as the trace backend’s storage is set to keep them')
    expect(retentionPhrase(jaeger)).not.toMatch(/days/)
  })
})
