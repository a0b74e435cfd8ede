import '@testing-library/jest-dom/vitest'
import 'vitest-canvas-mock'
import { cleanup, configure } from '@testing-library/react'
import { server } from '../../mocks/node'
import { clearFaults, setLatency } from '../../mocks/control'

// jsdom has no layout, so no ResizeObserver; the chart and graph wrappers only need it to exist
class NoLayoutResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= NoLayoutResizeObserver

// findBy… and waitFor give a page up to 5 s to show what is asked for (testing-library's 1 s was
// exceeded on a loaded two-core machine by pages that render in deferred slices); a page that never
// shows it still fails
configure({ asyncUtilTimeout: 5_000 })

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  cleanup()
  server.resetHandlers()
  clearFaults()
  setLatency(0)
})
afterAll(() => server.close())
