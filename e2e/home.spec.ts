import { expect, test } from '@playwright/test'
import { openConsole } from './support/app'

test('the landing says what is happening now, one click into each', async ({ page }) => {
  await openConsole(page, '/')
  await expect(page.getByRole('heading', { name: 'What is happening now' })).toBeVisible()
  // incident A: ReserveStock's alert fires, its canary deploy is in the window, stock-service's error rate moved
  const alerts = page.getByTestId('home-alerts')
  await expect(alerts.getByRole('listitem').filter({ hasText: 'stock-service' })).toContainText('ReserveStock', { timeout: 30_000 })
  const changes = page.getByTestId('home-changes')
  await expect(changes.getByRole('listitem').filter({ hasText: 'v2.14.0' })).toBeVisible()
  const movers = page.getByTestId('home-error-movers')
  await expect(movers.getByRole('link', { name: 'stock-service' })).toBeVisible({ timeout: 30_000 })
  // the dc-west outage: the figures say they lack it
  await expect(page.getByTestId('partial-banner')).toContainText('dc-west')
  // the deploy opens the service's metrics with the deploy's time marked
  await changes.getByRole('link', { name: 'stock-service' }).click()
  await expect(page).toHaveURL(/\/metrics\?.*service=stock-service.*at=\d+/)
  await page.goBack()
  await movers.getByRole('link', { name: 'stock-service' }).click()
  await expect(page).toHaveURL(/\/metrics\?.*service=stock-service.*chart=error_rate/)
  await expect(page.getByRole('region', { name: 'Error rate' })).toBeVisible({ timeout: 30_000 })
})

test('the sample traces menu on the search page reaches the special traces', async ({ page }) => {
  await openConsole(page, '/traces')
  const menu = page.getByTestId('sample-traces')
  await menu.getByText('Sample traces').click()
  const list = menu.getByRole('list', { name: 'Sample traces' })
  for (const name of ['clock skew', 'orphan span', 'duplicated span', 'hostile strings', 'big trace']) await expect(list.getByRole('link', { name })).toBeVisible()
  await list.getByRole('link', { name: 'clock skew' }).click()
  await expect(page).toHaveURL(/\/traces\/[0-9a-f]{32}/)
  await expect(page.getByText(/skew [+−]/).first()).toBeVisible({ timeout: 30_000 })
  await page.goBack()
  await menu.getByText('Sample traces').click()
  await menu.getByRole('link', { name: 'orphan span' }).click()
  await expect(page.getByText(/Missing parent/).first()).toBeVisible({ timeout: 30_000 })
})
