import { expect, test } from '@playwright/test'
import { openConsole, PINNED_NOW } from './support/app'

const NOW = Date.parse(PINNED_NOW)
const MIN = 60_000

test.describe('path analysis', () => {
  test.setTimeout(180_000)

  test('slow vs normal checkouts around the mysql-orders spike: mysql-orders contributes most, and opens its traces at its span', async ({ page }) => {
    // the window around incident B (mysql-orders slow from now − 45 to now − 38 min)
    await openConsole(page, `/paths?from=${NOW - 49 * MIN}&to=${NOW - 34 * MIN}`)
    await expect(page.getByRole('heading', { name: 'Paths', level: 1 })).toBeVisible({ timeout: 30_000 })
    await page.getByLabel('Entry service').selectOption('api-gateway')
    await page.getByLabel('Operation').selectOption('POST /api/checkout')
    // the whole tree first, with what it rests on
    await expect(page.getByRole('treegrid')).toBeVisible({ timeout: 120_000 })
    await expect(page.getByRole('status').first()).toContainText(/Rests on \d+ complete traces analysed of \d+ listed over \d+ time slices/)
    // the estimated entry rate beside the exact one of its metrics
    await expect(page.getByTestId('paths-traffic')).toContainText(/metrics: [\d.]+\/s exact · difference [+−][\d.]+ %/, { timeout: 60_000 })
    await page.getByLabel('Compare').selectOption('slow')
    const rows = page.locator('.paths-table tbody tr')
    await expect(rows.first()).toBeVisible({ timeout: 120_000 })
    await expect(page.getByText(/split at the listed p95 duration/).first()).toBeVisible()
    const top = rows.first()
    await expect(top.locator('.paths-svc')).toHaveText('mysql-orders')
    await expect(top).toContainText(/\+[\d.]+ ms \(\d+(\.\d+)? %\)/)
    // its traces, opened at that node's span
    await top.getByRole('link', { name: 'trace', exact: true }).click()
    await expect(page).toHaveURL(/\/traces\/[^?]+\?(?:.*&)?span=/)
  })
})
