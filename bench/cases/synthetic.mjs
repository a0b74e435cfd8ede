// The synthetic backend itself, measured in the browser where MSW runs its handlers on the page's
// main thread: generating big traces, a cold trace search, topology at 1,000 services, a day of
// metrics. Times are from fetch() start to the body read, with zero artificial latency.
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { build } from 'rolldown'

const PINNED = '2026-11-23T10:00:00.000Z'
const NOW = Date.parse(PINNED)

async function catalogue(root) {
  const file = path.join(os.tmpdir(), `tracelens-synth-catalogue-${process.pid}.mjs`)
  await build({ input: path.join(root, 'mocks/synthetic/catalogue.ts'), output: { file, format: 'esm' }, write: true, logLevel: 'silent' })
  return import(pathToFileURL(file).href)
}

async function openConsole(browser, baseUrl, query = '') {
  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto(`${baseUrl}/?now=${encodeURIComponent(PINNED)}&latency=0${query}`)
  await page.waitForFunction(() => window.__tracelensMock !== undefined, undefined, { timeout: 60_000 })
  // The worker must control the page before API calls, else the preview server answers them:
  // wait for the app to render (it starts the worker first), then for a JSON answer.
  await page.waitForFunction(() => (document.getElementById('root')?.childElementCount ?? 0) > 0, undefined, { timeout: 60_000 })
  await page.waitForFunction(
    async () => (await fetch('/api/v1/alerts').then((r) => r.headers.get('content-type') ?? '')).includes('json'),
    undefined,
    { timeout: 60_000, polling: 250 },
  )
  return { context, page }
}

/** ms from fetch() to the full body, and its size in MB. */
async function timeFetch(page, url) {
  return page.evaluate(async (u) => {
    const t0 = performance.now()
    const res = await fetch(u)
    const text = await res.text()
    return { ms: performance.now() - t0, mb: text.length / 2 ** 20, status: res.status }
  }, url)
}

export const cases = [
  {
    name: 'synthetic: big trace generation',
    run: async ({ browser, baseUrl, record, root }) => {
      const { bigTraceId } = await catalogue(root ?? process.cwd())
      const { context, page } = await openConsole(browser, baseUrl)
      for (const n of [10_000, 100_000, 200_000]) {
        const gen = await page.evaluate((id) => window.__tracelensMock.timeTrace(id), bigTraceId(n))
        record(`${n.toLocaleString('en')}-span trace: generation`, gen.generateMs, 'ms', { target: n === 100_000 ? '< 2000 ms' : '' })
        record(`${n.toLocaleString('en')}-span trace: JSON serialisation`, gen.serialiseMs, 'ms')
        const first = await timeFetch(page, `/api/v1/traces/${bigTraceId(n)}`)
        if (first.status !== 200) throw new Error(`big trace of ${n} spans answered ${first.status}`)
        record(`${n.toLocaleString('en')}-span trace: fetch (generate + serialise + deliver through the worker)`, first.ms, 'ms')
        record(`${n.toLocaleString('en')}-span trace: body size`, first.mb, 'MB')
        const again = await timeFetch(page, `/api/v1/traces/${bigTraceId(n)}`)
        record(`${n.toLocaleString('en')}-span trace: fetched again (cached body)`, again.ms, 'ms')
      }
      await context.close()
    },
  },
  {
    name: 'synthetic: queries',
    run: async ({ browser, baseUrl, record }) => {
      const { context, page } = await openConsole(browser, baseUrl)
      const hour = `from=${NOW - 3_600_000}&to=${NOW}`
      const search = await timeFetch(page, `/api/v1/traces?${hour}&limit=100`)
      record('trace search, last hour, limit 100 (cold)', search.ms, 'ms', { target: '< 500 ms' })
      const errors = await timeFetch(page, `/api/v1/traces?${hour}&status=error&service=stock-service&limit=500`)
      record('trace search, last hour, errors of stock-service (scans the hour)', errors.ms, 'ms', { target: '< 1500 ms' })
      const day = `from=${NOW - 86_400_000}&to=${NOW}`
      const metric = await timeFetch(page, `/api/v1/metrics/query_range?metric=latency_p99&service=api-gateway&groupBy=DC&${day}`)
      record('metrics: 24 h of p99 for api-gateway by DC', metric.ms, 'ms', { target: '< 500 ms' })
      const ex = await timeFetch(page, `/api/v1/exemplars?service=stock-service&operation=ReserveStock&${hour}`)
      record('exemplars: last hour of ReserveStock', ex.ms, 'ms', { target: '< 1500 ms' })
      const topo = await timeFetch(page, `/api/v1/topology?${hour}`)
      record('topology: 41 services, last hour', topo.ms, 'ms', { target: '< 300 ms' })
      await context.close()
      const big = await openConsole(browser, baseUrl, '&scale=1000')
      const topo1k = await timeFetch(big.page, `/api/v1/topology?${hour}`)
      record('topology: 1,000 services, last hour', topo1k.ms, 'ms', { target: '< 1500 ms' })
      await big.context.close()
    },
  },
]
