import { server } from '../../mocks/node'
import { noteSyntheticBackendStarting } from '../lib/synthetic-world'
import { testConnection } from './connection-test'

describe('Test connection of the synthetic world', () => {
  afterEach(() => noteSyntheticBackendStarting(Promise.resolve()))

  it('asks only once the synthetic backend started at boot is ready (before, the static server would answer 404)', async () => {
    const asked: string[] = []
    const seen = ({ request }: { request: Request }) => void asked.push(new URL(request.url).pathname)
    server.events.on('request:start', seen)
    let ready = () => {}
    noteSyntheticBackendStarting(new Promise<void>((resolve) => (ready = resolve)))
    const result = testConnection({ kind: 'synthetic' })
    await new Promise((r) => setTimeout(r, 50))
    expect(asked).toEqual([])
    ready()
    await expect(result).resolves.toMatchObject({ ok: true, message: expect.stringMatching(/^OK: synthetic world answered at \/api\/v1\/services with \d+ services\.$/) })
    expect(asked).toEqual(['/api/v1/services'])
    server.events.removeListener('request:start', seen)
  })

  it('asks at once once the synthetic backend is ready', async () => {
    await expect(testConnection({ kind: 'synthetic' })).resolves.toMatchObject({ ok: true })
  })
})
