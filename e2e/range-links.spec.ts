import { expect, test } from '@playwright/test'
import { openConsole } from './support/app'

test('one range everywhere: metrics → trace → errors keep "Last 1 hour", and the trace page says it shows another window', async ({ page }) => {
  await openConsole(page, '/metrics?service=api-gateway&range=1h')
  const range = page.getByLabel('Time range')
  await expect(range).toHaveValue('1h')
  await page.getByTestId('exemplar-count').first().click({ timeout: 60_000 })
  const link = page.locator('.metrics-exemplars-list a').first()
  await expect(link).toHaveAttribute('href', /range=1h/)
  await expect(link).toHaveAttribute('href', /now=2026-11-23T10%3A00%3A00/)
  await link.click()
  await expect(page).toHaveURL(/\/traces\/[^?]+\?.*range=1h/)
  await expect(range).toHaveValue('1h')
  await expect(page.getByTestId('view-window-note')).toContainText('Showing this trace')
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Errors' }).click()
  await expect(page).toHaveURL(/\/errors\?.*range=1h/)
  await expect(range).toHaveValue('1h')
  await expect(page.getByTestId('view-window-note')).toHaveCount(0)
})

test('a shared metrics link shows the same data in a fresh browser', async ({ page, browser }) => {
  await openConsole(page, '/traces?range=15m')
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Metrics' }).click()
  await expect(page.getByTestId('exemplar-count').first()).toBeVisible({ timeout: 60_000 })
  const shared = page.url()
  expect(shared).toContain('now=') // the anchor of the synthetic world travels with the link
  const mine = await page.getByTestId('exemplar-count').first().textContent()
  const windowText = await page.locator('.metrics-window').textContent()

  const fresh = await browser.newContext({ timezoneId: 'UTC' })
  const other = await fresh.newPage()
  await other.goto(shared.replace(/^https?:\/\/[^/]+/, ''))
  await expect(other.getByTestId('exemplar-count').first()).toHaveText(mine ?? '', { timeout: 60_000 })
  await expect(other.locator('.metrics-window')).toHaveText(windowText ?? '')
  await fresh.close()
})
