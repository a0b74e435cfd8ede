import { expect, test } from '@playwright/test'
import type { Locator, Page } from '@playwright/test'
import { pointConsoleAt, realStack } from '../support/real-stack.mjs'

/**
 * /paths against real Jaeger (e2e/support/real-stack.mjs): the steady traffic's checkouts
 * (e2e/servers/traffic.mjs, `checkout()`): frontend "POST /api/checkout" calls checkout "POST /orders"
 * once, which reserves at inventory once and charges payment once; every 10th checkout's payment
 * fails (and queues no order), the others publish one order that order-worker consumes after the
 * answer (async). Jaeger records no sampling rate, so the page gives call ratios per analysed
 * request and no rate per second.
 */
const stack = realStack()

test.beforeEach(() => {
  test.skip(stack.skip !== null, stack.skip ?? '')
})

const ENTRY = 'frontend::POST /api/checkout'
const row = (page: Page, key: string): Locator => page.locator(`.paths-table tr[data-key$="${key}"]`).first()
const cell = (r: Locator, i: number) => r.locator('td').nth(i)
const num = async (l: Locator) => Number(/[\d.]+/.exec((await l.textContent()) ?? '')?.[0] ?? NaN)

test('path tree of the checkout entry from Jaeger: the call ratios and failure share the traffic generator declares', async ({ page }, testInfo) => {
  test.setTimeout(240_000)
  await pointConsoleAt(page, { jaegerApi: 'auto' })
  await page.goto(`/paths?service=frontend&operation=${encodeURIComponent('POST /api/checkout')}&range=15m&n=200`)
  const tree = page.getByRole('treegrid', { name: 'Path tree of frontend POST /api/checkout' })
  await expect(tree).toBeVisible({ timeout: 120_000 })
  await expect(page.getByText(/Early answer/)).toHaveCount(0, { timeout: 120_000 })
  const status = page.getByRole('status').first()
  await expect(status).toContainText(/Rests on \d+ complete traces analysed of \d+ listed over \d+ time slices/)
  await expect(status).toContainText('no sampling rates')
  const analysed = Number(/Rests on (\d+)/.exec((await status.textContent()) ?? '')?.[1])
  expect(analysed).toBeGreaterThanOrEqual(10)

  await expect(tree.locator(`tr[data-key="${ENTRY}"]`)).toBeVisible()
  // one call each per checkout
  for (const key of ['checkout::POST /orders', 'inventory::inventory.Inventory/Reserve', 'payment::POST /charges']) {
    const r = row(page, key)
    await expect(r, key).toBeVisible()
    expect(await cell(r, 1).textContent(), key).toMatch(/^1\.00/)
    await expect(cell(r, 2), key).toHaveText('rate unknown')
  }
  // payment fails in every 10th checkout (the story's failing checkout adds one more): about 10 % of a sample
  const failed = (await num(cell(row(page, 'payment::POST /charges'), 6))) / 100
  expect(failed).toBeGreaterThan(0)
  expect(failed).toBeLessThan(0.25)
  // a failed payment queues no order; every other checkout's order is consumed by order-worker after
  // the answer: async, no share of the latency, (1 − failed share) per checkout in this very sample
  const worker = row(page, 'order-worker::process orders')
  await expect(worker).toContainText('async')
  expect(Math.abs((await num(cell(worker, 1))) - (1 - failed))).toBeLessThan(0.006)
  await expect(cell(worker, 5)).toHaveText('—')
  // fixed durations: 180 ms per working checkout, 120 ms per failing one, so the mean is 180 − 60 × the failed share
  const mean = Number(/mean ([\d.]+) ms/.exec((await page.locator('.paths-summary').first().textContent()) ?? '')?.[1])
  expect(Math.abs(mean - (180 - 60 * failed))).toBeLessThan(1.5)
  await expect(row(page, 'payment::POST /charges')).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('real-paths-tree.png'), fullPage: true })

  // a node opens one of its traces at its span, served by Jaeger
  await row(page, 'payment::POST /charges').getByRole('link', { name: 'trace', exact: true }).click()
  await expect(page).toHaveURL(/\/traces\/[0-9a-f]{32}\?(?:.*&)?span=/)
  await expect(page.getByRole('treegrid', { name: 'Spans of this trace', exact: true })).toBeVisible({ timeout: 30_000 })
})
