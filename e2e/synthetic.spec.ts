import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { INCIDENT_A_TRACE_ID } from '../mocks/synthetic/catalogue'
import { PINNED_NOW } from './support/app'

// The synthetic backend in the browser: its knobs (clock, scale) and ids that survive reloads.

/** The app rendered (the worker was started before) and the worker answers the API. */
async function apiReady(page: Page): Promise<void> {
  await page.waitForFunction(() => (document.getElementById('root')?.childElementCount ?? 0) > 0, undefined, { timeout: 30_000 })
  await page.waitForFunction(
    async () => (await fetch('/api/v1/alerts').then((r) => r.headers.get('content-type') ?? '')).includes('json'),
    undefined,
    { timeout: 30_000, polling: 250 },
  )
}

async function api(page: Page, path: string): Promise<{ status: number; body: unknown }> {
  return page.evaluate(async (p) => {
    const r = await fetch(p)
    return { status: r.status, body: await r.json() }
  }, path)
}

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
  await page.goto(`/?now=${encodeURIComponent(PINNED_NOW)}&latency=0&scale=300`)
  await apiReady(page)
  const count = async () => ((await api(page, '/api/v1/services')).body as { services: unknown[] }).services.length
  expect(await count()).toBe(300)
  await page.goto(`/topology?now=${encodeURIComponent(PINNED_NOW)}&latency=0`)
  await apiReady(page)
  expect(await count()).toBe(300)
})
