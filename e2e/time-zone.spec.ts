import { expect, test } from '@playwright/test'
import { openConsole } from './support/app'
import { waitForHooks } from './support/hooks'

// the reader is in New York: the pinned now, 10:00 UTC, is 05:00 there (UTC−5 in November)
test.use({ timezoneId: 'America/New_York' })

test('every time follows one zone setting, says its zone, and hover shows the other', async ({ page }) => {
  await openConsole(page, '/metrics?service=api-gateway&range=30m')
  const rangeWindow = page.getByTestId('range-window')
  await expect(rangeWindow).toHaveText('11-23 04:30–05:00 UTC−5')
  await expect(rangeWindow).toHaveAttribute('title', /2026-11-23 09:30:00 UTC \(UTC\)/)
  await expect(page.locator('.metrics-window')).toContainText('05:00:00 UTC−5')
  await expect(page.getByTestId('chart-zone').first()).toHaveText('UTC−5', { timeout: 60_000 })
  // the partial-data notice speaks the same zone as the axes
  await expect(page.getByTestId('partial-banner').first()).toContainText('from 04:48 to 04:53 UTC−5', { timeout: 60_000 })

  await page.getByTestId('zone-select').selectOption('utc')
  await expect(rangeWindow).toHaveText('11-23 09:30–10:00 UTC')
  await expect(rangeWindow).toHaveAttribute('title', /2026-11-23 04:30:00 UTC−5 \(browser time\)/)
  await expect(page.locator('.metrics-window')).toContainText('10:00:00 UTC')
  await expect(page.getByTestId('partial-banner').first()).toContainText('from 09:48 to 09:53 UTC')
  await expect(page.getByTestId('chart-zone').first()).toHaveText('UTC')
  // the chart's time axis reads UTC too
  await waitForHooks(page, (h) => [...(h.charts?.values() ?? [])].some((c) => (c.getOption() as { useUTC?: boolean }).useUTC === true))

  // a preference of this browser: kept across a reload and on the settings page, not in the URL
  await page.reload()
  await expect(page.getByTestId('range-window')).toHaveText('11-23 09:30–10:00 UTC')
  expect(page.url()).not.toContain('utc')
  await page.getByRole('link', { name: 'Settings' }).click()
  await expect(page.getByTestId('zone-select-settings')).toHaveValue('utc')
  await page.getByTestId('zone-select-settings').selectOption('browser')
  await expect(page.getByTestId('range-window')).toHaveText('11-23 04:30–05:00 UTC−5')

  // the search table's start column names its zone
  await page.getByRole('link', { name: 'Traces', exact: true }).click()
  await expect(page.getByRole('columnheader', { name: /Start \(UTC−5\)/ })).toBeVisible({ timeout: 30_000 })
})

test('the header range keeps moving with now while the page is open, and offers to move the views', async ({ page }) => {
  await page.clock.install({ time: new Date('2026-11-23T10:00:02Z') })
  await page.goto('/metrics?service=api-gateway&range=30m&latency=0')
  const rangeWindow = page.getByTestId('range-window')
  await expect(rangeWindow).toHaveText('11-23 04:30–05:00 UTC−5')
  await expect(page.getByTestId('range-refresh')).toHaveCount(0)
  await page.clock.runFor(3 * 60_000)
  await expect(rangeWindow).toHaveText('11-23 04:33–05:03 UTC−5')
  // the views still show the window they loaded, and say so
  await expect(page.locator('.metrics-window')).toContainText('05:00:00 UTC−5')
  await page.getByTestId('range-refresh').click()
  await expect(page.locator('.metrics-window')).toContainText(/05:03:\d\d UTC−5/)
  await expect(page.getByTestId('range-refresh')).toHaveCount(0)
})
