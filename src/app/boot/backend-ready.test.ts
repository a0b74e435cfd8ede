import { describe, expect, it } from 'vitest'
import { server } from '../../../mocks/node'
import { createConsoleApiSource } from '../../api/sources/console-api'
import { afterBackendReady } from './backend-ready'

const window = { from: Date.parse('2026-11-23T09:45:00Z'), to: Date.parse('2026-11-23T10:00:00Z') }

function countRequests(): { sent: string[]; stop: () => void } {
  const sent: string[] = []
  const listener = ({ request }: { request: Request }) => {
    sent.push(new URL(request.url).pathname)
  }
  server.events.on('request:start', listener)
  return { sent, stop: () => server.events.removeListener('request:start', listener) }
}

describe('afterBackendReady', () => {
  it('sends nothing until the backend is ready, then asks the source as asked', async () => {
    let open = () => {}
    const ready = new Promise<void>((resolve) => {
      open = resolve
    })
    const source = createConsoleApiSource()
    const gated = afterBackendReady(source, ready)
    const requests = countRequests()
    try {
      const answer = gated.getServices(window)
      await new Promise((r) => setTimeout(r, 50))
      expect(requests.sent).toEqual([])
      open()
      const services = await answer
      expect(services.length).toBeGreaterThan(0)
      expect(requests.sent).toEqual(['/api/v1/services'])
    } finally {
      requests.stop()
    }
  })

  it('keeps what the source says of itself, and which optional methods it has', () => {
    const source = createConsoleApiSource()
    const gated = afterBackendReady(source, Promise.resolve())
    expect(gated.id).toBe(source.id)
    expect(gated.label).toBe(source.label)
    expect(gated.capabilities).toEqual(source.capabilities)
    expect(gated.requests).toBe(source.requests)
    expect(typeof gated.getSampleTraces === 'function').toBe(typeof source.getSampleTraces === 'function')
  })

  it('fails every request with the reason the backend did not start, and sends none', async () => {
    const failed = Promise.reject(new Error('service workers are not available here'))
    failed.catch(() => undefined)
    const gated = afterBackendReady(createConsoleApiSource(), failed)
    const requests = countRequests()
    try {
      await expect(gated.getServices(window)).rejects.toThrow('service workers are not available here')
      expect(requests.sent).toEqual([])
    } finally {
      requests.stop()
    }
  })
})
