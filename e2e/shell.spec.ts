import { expect, test } from '@playwright/test'
import { clearFaults, injectFault, openConsole } from './support/app'

test.describe('app shell', () => {
  test('every view is reachable by mouse and by keyboard', async ({ page }) => {
    await openConsole(page, '/traces')
    const nav = page.getByRole('navigation', { name: 'Views' })
    for (const name of ['Errors', 'Topology', 'Metrics', 'Traces']) {
      await nav.getByRole('link', { name }).click()
      await expect(page).toHaveURL(new RegExp(`/${name.toLowerCase()}`))
      await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible()
    }
    // keyboard: focus the Topology link with Tab and follow it with Enter
    await page.getByRole('link', { name: 'Topology' }).focus()
    await page.keyboard.press('Enter')
    await expect(page).toHaveURL(/\/topology/)
    await page.getByRole('link', { name: 'Metrics' }).focus()
    await page.keyboard.press('Tab')
    await page.keyboard.press('Shift+Tab')
    await page.keyboard.press('Enter')
    await expect(page).toHaveURL(/\/metrics/)
  })

  for (const [width, height] of [[1280, 720], [1440, 900]] as const) test(`at ${width} px the header keeps Settings and the theme switch on screen, even with a trace's own window shown`, async ({ page }) => {
    await page.setViewportSize({ width, height })
    await openConsole(page, '/traces/11a207cea1d304b3b154316831000001')
    const note = page.getByTestId('view-window-note')
    await expect(note).toBeVisible({ timeout: 30_000 })
    // a trace of 128 ms is one time, not "09:48:32–09:48:32"
    await expect(note).toHaveText(/^Showing this trace: \d\d:\d\d:\d\d UTC$/)
    for (const control of [page.getByRole('link', { name: 'Settings' }), page.getByRole('button', { name: /Switch to (dark|light) theme/ }), note]) {
      const box = await control.boundingBox()
      expect(box).not.toBeNull()
      expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(width)
    }
    // the source's name gives way to its dot at this width, and says itself on hover and to a screen reader
    await expect(page.getByTestId('source-indicator')).toHaveAttribute('title', /^Data source: Synthetic data · the clock is pinned at /)
    await expect(page.getByRole('note', { name: 'Data source: Synthetic data · pinned clock' })).toBeVisible()
  })

  test('the time range is kept in the URL across reload and navigation', async ({ page }) => {
    await openConsole(page, '/traces')
    await page.getByLabel('Time range').selectOption('6h')
    await expect(page).toHaveURL(/range=6h/)
    await page.reload()
    await expect(page.getByLabel('Time range')).toHaveValue('6h')
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Topology' }).click()
    await expect(page).toHaveURL(/\/topology\?range=6h/)
    await expect(page.getByLabel('Time range')).toHaveValue('6h')
  })

  test('an absolute range can be set and is kept in the URL', async ({ page }) => {
    await openConsole(page, '/metrics')
    await page.getByLabel('Time range').selectOption('absolute')
    await page.getByLabel('From', { exact: true }).fill('2026-11-23T08:00')
    await page.getByLabel('To', { exact: true }).fill('2026-11-23T09:30')
    await page.getByRole('button', { name: 'Apply' }).click()
    await expect(page).toHaveURL(/from=\d+&to=\d+/)
    await page.reload()
    await expect(page.getByLabel('Time range')).toHaveValue('absolute')
  })

  test('the theme persists across reload', async ({ page }) => {
    await openConsole(page, '/traces')
    const html = page.locator('html')
    const before = await html.getAttribute('data-theme')
    const toggle = page.getByRole('button', { name: /Switch to (light|dark) theme/ })
    await toggle.click()
    const after = before === 'dark' ? 'light' : 'dark'
    await expect(html).toHaveAttribute('data-theme', after)
    await page.reload()
    await expect(html).toHaveAttribute('data-theme', after)
  })

  test('an unknown route shows the 404 page', async ({ page }) => {
    await openConsole(page, '/no/such/view')
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible()
    await expect(page.getByText('/no/such/view')).toBeVisible()
  })

  test('a failing backend shows a plain message and the retry works', async ({ page }) => {
    await openConsole(page, '/traces')
    await expect(page.getByTestId('source-indicator')).toContainText('Synthetic')
    // a lasting failure of trace search: the first try and the automatic retries all fail
    await injectFault(page, { path: '/api/v1/traces', status: 500, message: 'storage node unavailable', times: 1000 })
    // a fresh range forces a new search, which meets the fault
    await page.getByLabel('Time range').selectOption('24h')
    const alert = page.getByRole('alert').filter({ hasText: 'storage node unavailable' }).first()
    await expect(alert).toBeVisible({ timeout: 20_000 })
    await expect(alert).toContainText('500')
    // the backend recovers; Retry brings the results
    await clearFaults(page)
    await alert.getByRole('button', { name: 'Retry' }).click()
    await expect(page.getByRole('alert').filter({ hasText: 'storage node unavailable' })).toHaveCount(0)
  })
})
