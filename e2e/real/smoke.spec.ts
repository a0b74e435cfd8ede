import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { pointConsoleAt, realStack } from '../support/real-stack.mjs'

/**
 * Smoke test against the real servers (e2e/support/real-stack.mjs): the console configured for Jaeger
 * traces and Prometheus metrics finds a service's traces in Jaeger and opens one, and what it shows
 * matches what Jaeger itself holds.
 */
const stack = realStack()
const table = (page: Page) => page.getByRole('table', { name: 'Matching traces' })
const gantt = (page: Page) => page.getByRole('treegrid', { name: 'Spans of this trace', exact: true })
const spanCount = (page: Page) => page.locator('dt', { hasText: /^Spans$/ }).locator('xpath=following-sibling::dd[1]')

/** Jaeger's own count of a trace's spans (classic API). */
async function jaegerSpanCount(traceId: string): Promise<number> {
  if (stack.skip !== null) throw new Error(stack.skip)
  const r = await fetch(`${stack.jaegerUrl}/api/traces/${traceId}`)
  const body = (await r.json()) as { data: { spans: unknown[] }[] }
  return body.data[0].spans.length
}

test.beforeEach(() => {
  test.skip(stack.skip !== null, stack.skip ?? '')
})

for (const api of ['legacy', 'auto'] as const) {
  const label = api === 'legacy' ? 'classic API' : 'API found by detection (v3 on this Jaeger)'
  test(`${label}: a service is searched in Jaeger and a found trace opens with every span Jaeger holds`, async ({ page }, testInfo) => {
    await pointConsoleAt(page, { jaegerApi: api })
    const searches: string[] = []
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname
      if (/^\/jaeger\/api\/(v3\/)?traces$/.test(path)) searches.push(path)
    })
    await page.goto('/traces?range=15m')
    await expect(page.getByTestId('source-indicator')).toContainText('Jaeger traces · Prometheus metrics')
    // the services come from Jaeger: the traffic's eight services are offered
    const service = page.getByRole('combobox', { name: 'Service' })
    await expect(service.locator('option', { hasText: 'report-builder' })).toHaveCount(1, { timeout: 20_000 })
    await service.selectOption('checkout')
    await page.getByRole('button', { name: 'Find traces' }).click()
    await expect(page).toHaveURL(/service=checkout/)
    const rows = table(page).getByTestId('trace-row')
    await expect(rows.first()).toBeVisible({ timeout: 30_000 })
    await page.screenshot({ path: testInfo.outputPath(`real-search-${api}.png`), fullPage: true })
    expect(searches.length).toBeGreaterThan(0)
    expect(new Set(searches)).toEqual(new Set([api === 'legacy' ? '/jaeger/api/traces' : '/jaeger/api/v3/traces']))

    await rows.first().getByRole('link').click()
    await expect(page).toHaveURL(/\/traces\/[0-9a-f]{32}/)
    const traceId = /\/traces\/([0-9a-f]{32})/.exec(page.url())?.[1] ?? ''
    await expect(gantt(page)).toBeVisible({ timeout: 30_000 })
    // a checkout trace has 9 spans (payment failed) or 13 (with the order consumed)
    const expected = await jaegerSpanCount(traceId)
    expect([9, 13]).toContain(expected)
    await expect(spanCount(page)).toHaveText(String(expected))
    await expect(gantt(page).getByRole('row').nth(1)).toContainText('frontend')
    await page.screenshot({ path: testInfo.outputPath(`real-trace-${api}.png`), fullPage: true })
  })
}

test('the 500 → 502 trace opens by its id with every span and its four services', async ({ page }) => {
  if (stack.skip !== null) return
  await pointConsoleAt(page, { jaegerApi: 'legacy' })
  await page.goto(`/traces/${stack.manifest.traces.errorChain}`)
  await expect(gantt(page)).toBeVisible({ timeout: 30_000 })
  await expect(spanCount(page)).toHaveText(String(await jaegerSpanCount(stack.manifest.traces.errorChain)))
  for (const s of ['frontend', 'checkout', 'inventory', 'payment']) await expect(gantt(page).getByText(s, { exact: true }).first()).toBeVisible()
})
