import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { INCIDENT_A_TRACE_ID } from '../mocks/synthetic/catalogue'
import { SearchPage } from './pages/search-page'
import { PINNED_NOW } from './support/app'
import { waitForHooks } from './support/hooks'

// The synthetic backend in the browser: its knobs (clock, scale) and ids that survive reloads.

/** The synthetic backend answers the page's requests (the page is drawn before its service worker controls it). */
async function apiReady(page: Page): Promise<void> {
  await waitForHooks(page, (h) => h.mock?.ready() ?? false, undefined, { timeout: 30_000 })
}

async function api(page: Page, path: string): Promise<{ status: number; body: unknown }> {
  return page.evaluate(async (p) => {
    const r = await fetch(p)
    return { status: r.status, body: await r.json() }
  }, path)
}

test('a first visit and a reload: the first list comes from the synthetic world, and no request reaches the network before its service worker controls the page', async ({ browser }) => {
  // a context of its own: no service worker registered yet, as on a person's first visit
  const context = await browser.newContext()
  try {
    const page = await context.newPage()
    const api: { path: string; status: number; fromServiceWorker: boolean }[] = []
    const failed: string[] = []
    page.on('response', (r) => {
      const { pathname } = new URL(r.url())
      if (pathname.startsWith('/api/')) api.push({ path: pathname, status: r.status(), fromServiceWorker: r.fromServiceWorker() })
      if (r.status() >= 400) failed.push(`${r.status()} ${pathname}`)
    })
    page.on('requestfailed', (r) => failed.push(`${r.failure()?.errorText ?? 'failed'} ${new URL(r.url()).pathname}`))
    const search = await SearchPage.open(page, 'range=1h')
    await expect(search.firstResult).toBeVisible({ timeout: 30_000 })
    expect(await search.resultRows.count()).toBeGreaterThan(0)
    const searches = api.filter((a) => a.path === '/api/v1/traces')
    expect(searches.length).toBeGreaterThan(0)
    // every console API answer came from the synthetic world through the service worker, none from the static server
    expect(api.filter((a) => !a.fromServiceWorker || a.status >= 400)).toEqual([])
    expect(failed).toEqual([])
    // a reload: the page starts under the worker of the page before, which lets requests through
    // once that page has gone, until the worker started again takes it over
    api.length = 0
    await page.reload()
    // what the reload itself cut short (the scatter's chunk may still have been on its way) is not a failure
    failed.length = 0
    await expect(search.firstResult).toBeVisible({ timeout: 30_000 })
    expect(api.filter((a) => a.path === '/api/v1/traces').length).toBeGreaterThan(0)
    expect(api.filter((a) => !a.fromServiceWorker || a.status >= 400)).toEqual([])
    expect(failed).toEqual([])
  } finally {
    await context.close()
  }
})

test('serves catalogue traces and 404s unknown ids through the worker', async ({ page }) => {
  await page.goto(`/?now=${encodeURIComponent(PINNED_NOW)}&latency=0`)
  await apiReady(page)
  const hit = await api(page, `/api/v1/traces/${INCIDENT_A_TRACE_ID}`)
  expect(hit.status).toBe(200)
  expect((hit.body as { trace: { spans: unknown[] } }).trace.spans.length).toBeGreaterThan(20)
  expect((await api(page, '/api/v1/traces/0123456789abcdef0123456789abcdef')).status).toBe(404)
})

test('keeps trace ids valid across a reload with the live clock', async ({ page }) => {
  await page.goto('/?latency=0')
  await apiReady(page)
  const now = await page.evaluate(() => Date.now())
  const search = await api(page, `/api/v1/traces?from=${now - 3_600_000}&to=${now}&limit=5&status=error`)
  const [first] = (search.body as { traces: { traceId: string }[] }).traces
  const before = await api(page, `/api/v1/traces/${first.traceId}`)
  await page.reload()
  await apiReady(page)
  const after = await api(page, `/api/v1/traces/${first.traceId}`)
  expect(after.status).toBe(200)
  expect(after.body).toEqual(before.body)
})

test('grows the world with ?scale and keeps it for the session', async ({ page }) => {
  // growing the world to 300 services and opening a second page on it took over the default minute in a
  // CI run on a busy two-core machine
  test.setTimeout(150_000)
  await page.goto(`/?now=${encodeURIComponent(PINNED_NOW)}&latency=0&scale=300`)
  await apiReady(page)
  const count = async () => ((await api(page, '/api/v1/services')).body as { services: unknown[] }).services.length
  expect(await count()).toBe(300)
  await page.goto(`/topology?now=${encodeURIComponent(PINNED_NOW)}&latency=0`)
  await apiReady(page)
  expect(await count()).toBe(300)
})
