import '@testing-library/jest-dom/vitest'
import 'vitest-canvas-mock'
import { cleanup } from '@testing-library/react'
import { server } from '../../mocks/node'
import { clearFaults, setLatency } from '../../mocks/control'

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  cleanup()
  server.resetHandlers()
  clearFaults()
  setLatency(0)
})
afterAll(() => server.close())
