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

/** The exemplar traces of the first metrics chart, as the page lists them. */
async function exemplarIds(page: import('@playwright/test').Page): Promise<string[]> {
  const toggle = page.getByTestId('exemplar-count').first()
  await expect(toggle).toBeVisible({ timeout: 60_000 })
  await toggle.click()
  const hrefs = await page.locator('.metrics-exemplars-list').first().locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))
  return hrefs.map((h) => h.replace(/\?.*$/, '')).sort()
}

test('a live tab: the address names its synthetic world, so a colleague whose world started elsewhere sees the same traces', async ({ page, browser }) => {
  test.setTimeout(180_000)
  // a live clock: the world is anchored at the minute this tab first ran it
  await page.goto('/metrics?service=api-gateway&range=1h&latency=0')
  await expect(page).toHaveURL(/anchor=/)
  const anchor = Date.parse(new URL(page.url()).searchParams.get('anchor') ?? '')
  expect(Number.isFinite(anchor)).toBe(true)
  // the person looks at a fixed half hour ending at the world's anchor (the incidents before it)
  await page.goto(`/metrics?service=api-gateway&latency=0&from=${anchor - 30 * 60_000}&to=${anchor}`)
  await expect(page).toHaveURL(/anchor=/)
  const mine = await exemplarIds(page)
  expect(mine.length).toBeGreaterThan(0)
  const shared = page.url().replace(/^https?:\/\/[^/]+/, '')

  // the colleague's own synthetic world first ran three hours earlier
  const fresh = await browser.newContext({ timezoneId: 'UTC' })
  await fresh.addInitScript((a) => sessionStorage.setItem('tracelens.worldAnchor', String(a)), anchor - 3 * 3600_000)
  const other = await fresh.newPage()
  await other.goto(shared)
  expect(await exemplarIds(other)).toEqual(mine)
  // without the anchor the same window shows that other world's traces
  const without = await fresh.newPage()
  await without.goto(shared.replace(/&?anchor=[^&]*/, ''))
  expect(await exemplarIds(without)).not.toEqual(mine)
  await fresh.close()
})

test('a grown synthetic world says so in the header, with a way back to the default one', async ({ page }) => {
  await openConsole(page, '/topology?scale=300&range=15m')
  const note = page.getByTestId('world-scale')
  await expect(note).toContainText('300 services')
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Errors' }).click()
  await expect(page).toHaveURL(/scale=300/)
  await note.getByRole('link', { name: /default world of 41 services/ }).click()
  await expect(page).toHaveURL(/scale=41/)
  await expect(page.getByTestId('source-indicator')).toBeVisible({ timeout: 30_000 })
  await expect(note).toHaveCount(0)
  // links no longer carry the grown size
  await expect(page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Topology' })).not.toHaveAttribute('href', /scale=300/)
})
