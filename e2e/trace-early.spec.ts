import { expect, test } from '@playwright/test'
import { bigTraceId } from '../mocks/synthetic/catalogue'
import { traceBody } from '../bench/http/world-backend'
import { PINNED_NOW } from './support/app'

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
  // who asked: the page's own early script (inline in index.html) or the console's code (/assets/*.js)
  await page.addInitScript(() => {
    const seen: string[] = []
    window.__seen = seen
    const fetch0 = window.fetch.bind(window)
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      const by = /\/assets\/[^/]+\.js/.test(new Error().stack ?? '') ? 'console' : 'early'
      seen.push(`${String(input instanceof Request ? input.url : input)}|${by}`)
      return fetch0(input, init)
    }
  })
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
