import '@testing-library/jest-dom/vitest'
import 'vitest-canvas-mock'
import { cleanup } from '@testing-library/react'
import { server } from '../../mocks/node'
import { clearFaults, setLatency } from '../../mocks/control'

// jsdom has no layout, so no ResizeObserver; the chart and graph wrappers only need it to exist
class NoLayoutResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= NoLayoutResizeObserver

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  cleanup()
  server.resetHandlers()
  clearFaults()
  setLatency(0)
})
afterAll(() => server.close())
