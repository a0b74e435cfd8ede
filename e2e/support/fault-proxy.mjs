// A small backend stand-in for end-to-end tests of slow, hung, rate-limited or wrong backends.
// It answers from a table of recorded answers (`answer(path, url)` returns one, or null for 404)
// and lets a test inject one fault at a time: a hang, a slow drip, a status with headers (429 with
// Retry-After, an nginx 502 page) or a refusal of CORS. Every request is logged with its time.
import { createServer } from 'node:http'

/**
 * @param {{ port?: number, answer: (path: string, url: URL) => ({ status?: number, type?: string, body: string } | null) }} opts
 * @returns {Promise<{ url: string, log: { path: string, at: number }[], fault: (f: Fault | null) => void, close: () => Promise<void> }>}
 * @typedef {{ match: RegExp, kind: 'hang' } | { match: RegExp, kind: 'drip', bytesPerSecond: number } | { match: RegExp, kind: 'status', status: number, headers?: Record<string, string>, body?: string, type?: string } | { match: RegExp, kind: 'no-cors' }} Fault
 */
export async function startFaultProxy({ port = 0, answer }) {
  /** @type {Fault | null} */
  let current = null
  const log = []
  const open = new Set()
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    log.push({ path: url.pathname + url.search, at: Date.now() })
    const fault = current && current.match.test(url.pathname) ? current : null
    const cors = fault?.kind === 'no-cors' ? {} : { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*', 'access-control-expose-headers': '*' }
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors)
      res.end()
      return
    }
    if (fault?.kind === 'hang') {
      open.add(res)
      res.on('close', () => open.delete(res))
      return
    }
    if (fault?.kind === 'status') {
      res.writeHead(fault.status, { 'content-type': fault.type ?? 'text/html', ...cors, ...(fault.headers ?? {}) })
      res.end(fault.body ?? '')
      return
    }
    const a = answer(url.pathname, url)
    if (!a) {
      res.writeHead(404, { 'content-type': 'text/plain', ...cors })
      res.end('404 page not found')
      return
    }
    res.writeHead(a.status ?? 200, { 'content-type': a.type ?? 'application/json', ...cors })
    if (fault?.kind !== 'drip') {
      res.end(a.body)
      return
    }
    // a slow link: the answer in pieces of a tenth of the rate, ten a second
    const bytes = Buffer.from(a.body)
    const piece = Math.max(1, Math.round(fault.bytesPerSecond / 10))
    let at = 0
    open.add(res)
    const timer = setInterval(() => {
      if (res.destroyed) return clearInterval(timer)
      res.write(bytes.subarray(at, at + piece))
      at += piece
      if (at >= bytes.length) {
        clearInterval(timer)
        open.delete(res)
        res.end()
      }
    }, 100)
    res.on('close', () => clearInterval(timer))
  })
  // port 0: the system picks a free one, so runs in parallel (and --repeat-each) do not collide
  await new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(undefined)))
  const address = server.address()
  const bound = typeof address === 'object' && address !== null ? address.port : port
  return {
    url: `http://127.0.0.1:${bound}`,
    log,
    fault: (f) => {
      current = f
    },
    close: async () => {
      for (const res of open) res.destroy()
      await new Promise((resolve) => server.close(() => resolve(undefined)))
    },
  }
}
