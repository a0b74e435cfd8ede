import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { startFaultProxy } from './support/fault-proxy.mjs'
import type { FaultProxy } from './support/fault-proxy.mjs'

/**
 * Faults between the console and its backends, injected by a stand-in server the tests start
 * (e2e/support/fault-proxy.mjs) on another origin than the console: a Jaeger query API (classic)
 * with recorded answers, and the console API's address for the "console" kind.
 */
const port = Number(process.env.E2E_PORT ?? 4173) + 10_100
const EMPTY_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736'
let proxy: FaultProxy

test.describe.configure({ mode: 'serial' })

test.beforeAll(async () => {
  proxy = await startFaultProxy({
    port,
    answer: (path) => {
      if (path === `/api/traces/${EMPTY_TRACE}`) return { body: JSON.stringify({ data: [{ traceID: EMPTY_TRACE, spans: [], processes: {} }] }) }
      if (path === '/api/services') return { body: JSON.stringify({ data: ['checkout'] }) }
      return null
    },
  })
})

test.afterAll(async () => {
  await proxy.close()
})

test.beforeEach(() => {
  proxy.fault(null)
})

async function useBackends(page: Page, config: object) {
  await page.route('**/config.json', (route) => route.fulfill({ json: config }))
}

test('a Jaeger trace without spans says so, instead of an empty trace dated 1970', async ({ page }) => {
  await useBackends(page, { traces: { kind: 'jaeger', baseUrl: proxy.url, api: 'legacy' }, metrics: { kind: 'none' } })
  await page.goto(`/traces/${EMPTY_TRACE}`)
  await expect(page.getByText('This trace has no spans')).toBeVisible()
  await expect(page.getByText('1970')).toHaveCount(0)
})

test('an nginx 502 page is said as the proxy answering 502 Bad Gateway, with the raw text behind a toggle', async ({ page }) => {
  proxy.fault({
    match: /^\/api\/v1\//,
    kind: 'status',
    status: 502,
    body: '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.25.3</center>\r\n</body>\r\n</html>\r\n',
  })
  await useBackends(page, { traces: { kind: 'console', baseUrl: proxy.url }, metrics: { kind: 'console', baseUrl: proxy.url } })
  await page.goto('/topology?range=15m')
  const alert = page.getByRole('alert').filter({ hasText: 'The proxy in front of the Console API answered 502 Bad Gateway' }).first()
  await expect(alert).toBeVisible()
  await expect(alert.locator('p').first()).not.toContainText('<html>')
  await expect(alert.locator('pre')).toBeHidden()
  await alert.getByText('Show the raw answer').click()
  await expect(alert.locator('pre')).toBeVisible()
  await expect(alert.locator('pre')).toContainText('nginx/1.25.3')
})

test('a CORS refusal of the console API gets the CORS hint, as for the other kinds', async ({ page }) => {
  proxy.fault({ match: /^\/api\/v1\//, kind: 'no-cors' })
  await useBackends(page, { traces: { kind: 'console', baseUrl: proxy.url }, metrics: { kind: 'console', baseUrl: proxy.url } })
  await page.goto('/topology?range=15m')
  await expect(page.getByRole('alert').filter({ hasText: '(CORS)' }).first()).toBeVisible({ timeout: 30_000 })
})

test('a 429 with Retry-After is not retried at once, and the wait it asks for is said', async ({ page }) => {
  proxy.fault({ match: /^\/api\/dependencies$/, kind: 'status', status: 429, headers: { 'retry-after': '30' }, type: 'text/plain', body: 'slow down' })
  await useBackends(page, { traces: { kind: 'jaeger', baseUrl: proxy.url, api: 'legacy' }, metrics: { kind: 'none' } })
  const asked = () => proxy.log.filter((r) => r.path.startsWith('/api/dependencies')).length
  const before = asked()
  await page.goto('/topology?range=15m')
  await expect(page.getByRole('alert').filter({ hasText: 'Rate-limited by Jaeger (429 Too Many Requests): it asks the console to wait 30 s' }).first()).toBeVisible()
  // the message is shown after the one request: no retries were sent in its place
  expect(asked() - before).toBe(1)
})
