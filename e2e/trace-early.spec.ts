import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { bigTraceId } from '../mocks/synthetic/catalogue'
import { traceBody } from '../bench/http/world-backend'
import { PINNED_NOW } from './support/app'
import { jaegerFile } from '../src/api/formats/jaeger-file.test-util'

/**
 * Records every fetch of the page with who asked: the page's own early script (inline in
 * index.html) or the console's code (/assets/*.js), read back from `window.__seen`.
 */
async function recordFetchCallers(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = []
    window.__seen = seen
    // who called, by the frames on the stack: V8 also lists the async functions awaiting the
    // caller's promise ("at async …"), so the console awaiting the early script's answer would
    // make the early script's own request look like the console's; those frames are left out
    const by = (stack = '') => (/\/assets\/[^/]+\.js/.test(stack.split('\n').filter((line) => !/^\s*at async /.test(line)).join('\n')) ? 'console' : 'early')
    const fetch0 = window.fetch.bind(window)
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      seen.push(`${String(input instanceof Request ? input.url : input)}|${by(new Error().stack)}`)
      return fetch0(input, init)
    }
    // workers too, by the address of their script
    const Worker0 = window.Worker
    window.Worker = class extends Worker0 {
      constructor(url: string | URL, options?: WorkerOptions) {
        seen.push(`worker ${String(url)}|${by(new Error().stack)}`)
        super(url, options)
      }
    }
  })
}
// A deployment serving the console API for real: config.json says so, and the trace page's trace
// is asked for by the page itself before the console's code has loaded (src/app/early-trace.ts).
test('a trace from a console API served for real is asked for once, before the console’s code runs, and shows in full', async ({ page }, testInfo) => {
  const id = bigTraceId(5000)
  const body = traceBody(id, Date.parse(PINNED_NOW), true)
  if (!body) throw new Error('expected the synthetic trace')
  const traceRequests: string[] = []
  await page.route('**/config.json', (r) => r.fulfill({ json: { traces: { kind: 'console' }, metrics: { kind: 'console' } } }))
  await page.route('**/api/v1/**', (r) => {
    const url = new URL(r.request().url())
    if (url.pathname === `/api/v1/traces/${id}`) {
      traceRequests.push(r.request().headers()['accept'] ?? '')
      return r.fulfill({ body, headers: { 'Content-Type': 'application/x-ndjson' } })
    }
    return r.fulfill({ status: 404, json: { error: { code: 'not_found', message: 'not served here' } } })
  })
  await recordFetchCallers(page)
  await page.goto(`/traces/${id}`)
  const gantt = page.getByRole('treegrid', { name: 'Spans of this trace', exact: true })
  await expect(gantt).toBeVisible()
  await expect(page.locator('.tp-facts')).toContainText(/Spans\s*5,?000/)
  await expect(page.getByText('Download JSON')).toBeEnabled()
  expect(traceRequests).toEqual(['application/x-ndjson'])
  const seen = await page.evaluate(() => window.__seen ?? [])
  expect(seen.filter((s) => s.includes(`/api/v1/traces/${id}`))).toEqual([expect.stringMatching(/\|early$/)])
  // the console itself still reads config.json (and validates it)
  expect(seen.filter((s) => s.includes('config.json|console'))).toHaveLength(1)
  await page.screenshot({ path: testInfo.outputPath('trace-early.png') })
})

// A Jaeger query service with its API named in config.json: the early script asks for the trace
// too, and the Jaeger source reads that answer (parsed in its reader worker) instead of asking again.
test('a trace from Jaeger’s classic API is asked for once, by the page’s early script, and shows with its services', async ({ page }) => {
  const id = '0af7651916cd43dd8448eb211c80319c'
  const spans = Array.from({ length: 300 }, (_, i) => ({
    traceID: id,
    spanID: (i + 1).toString(16).padStart(16, '0'),
    ...(i === 0 ? {} : { references: [{ refType: 'CHILD_OF', traceID: id, spanID: '0000000000000001' }] }),
    operationName: i === 0 ? 'GET /checkout' : `call ${i}`,
    startTime: Date.parse(PINNED_NOW) * 1000 - 60_000_000 + i * 10,
    duration: i === 0 ? 10_000 : 5,
    tags: [],
    processID: i === 0 ? 'p1' : 'p2',
  }))
  const body = JSON.stringify({ data: [{ traceID: id, spans, processes: { p1: { serviceName: 'gateway', tags: [] }, p2: { serviceName: 'payments', tags: [] } }, warnings: null }] })
  await page.route('**/config.json', (r) => r.fulfill({ json: { traces: { kind: 'jaeger', baseUrl: '/jaeger', api: 'legacy' }, metrics: { kind: 'none' } } }))
  const traceRequests: string[] = []
  await page.route('**/jaeger/api/**', (r) => {
    const url = new URL(r.request().url())
    if (url.pathname === `/jaeger/api/traces/${id}`) {
      traceRequests.push(r.request().headers()['accept'] ?? '')
      return r.fulfill({ body, headers: { 'Content-Type': 'application/json' } })
    }
    if (url.pathname === '/jaeger/api/services') return r.fulfill({ json: { data: ['gateway', 'payments'] } })
    return r.fulfill({ status: 404, json: { errors: [{ code: 404, msg: 'not served here' }] } })
  })
  await recordFetchCallers(page)
  await page.goto(`/traces/${id}`)
  await expect(page.locator('.tp-facts')).toContainText(/Spans\s*300/)
  const gantt = page.getByRole('treegrid', { name: 'Spans of this trace', exact: true })
  await expect(gantt.getByRole('row').filter({ hasText: 'GET /checkout' }).first()).toContainText('gateway')
  expect(traceRequests).toEqual(['application/json'])
  const seen = await page.evaluate(() => window.__seen ?? [])
  expect(seen.filter((s) => s.includes(`/api/traces/${id}`))).toEqual([expect.stringMatching(/\|early$/)])
  // the worker the answer is read in was started by the early script beside the request, and the console read the answer in it
  expect(seen.filter((s) => s.includes('backend-trace.worker'))).toEqual([expect.stringMatching(/^worker \/assets\/backend-trace\.worker-[\w-]+\.js\|early$/)])
})

// A big answer from Jaeger's classic API (15,000 spans, about 6.5 MB) is parsed in parts in the
// reader worker while it arrives (src/api/formats/jaeger-parts.ts, JaegerAnswerSegments): the
// worker's marks show it never joined and parsed the whole text, and the trace is all there.
test('a big trace from Jaeger’s classic API is parsed in parts as it arrives and shows in full, with its services and warnings', async ({ page }) => {
  const answer = jaegerFile(15_000, { missingProcessOn: 14_000 })
  const body = JSON.stringify(answer)
  expect(body.length).toBeGreaterThan(4 * 1024 * 1024)
  const id = 'a1b2c3d4e5f60718'
  await page.route('**/config.json', (r) => r.fulfill({ json: { traces: { kind: 'jaeger', baseUrl: '/jaeger', api: 'legacy' }, metrics: { kind: 'none' } } }))
  await page.route('**/jaeger/api/**', (r) => {
    const url = new URL(r.request().url())
    if (url.pathname === `/jaeger/api/traces/${id}`) return r.fulfill({ body, headers: { 'Content-Type': 'application/json' } })
    if (url.pathname === '/jaeger/api/services') return r.fulfill({ json: { data: ['svc-0', 'svc-1', 'svc-2', 'svc-3', 'svc-4'] } })
    return r.fulfill({ status: 404, json: { errors: [{ code: 404, msg: 'not served here' }] } })
  })
  await page.goto(`/traces/${id}`)
  await expect(page.locator('.tp-facts')).toContainText(/Spans\s*15,?000/)
  const gantt = page.getByRole('treegrid', { name: 'Spans of this trace', exact: true })
  await expect(gantt.getByRole('row').nth(1)).toContainText(/svc-\d/)
  // the span whose process the answer does not describe is said, as a whole read says it
  await page.getByTestId('trace-warnings').locator('summary').click()
  await expect(page.getByTestId('trace-warnings')).toContainText(/processes that the file does not describe \(p-gone\)/)
  const marks = await page.evaluate(() => performance.getEntriesByType('mark').map((m) => m.name))
  expect(marks).toContain('tracelens:trace-worker-parsed')
  expect(marks).not.toContain('tracelens:trace-worker-joined')
})
