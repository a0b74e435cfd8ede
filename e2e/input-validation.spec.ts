import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { openConsole } from './support/app'

/** Values from the address and from storage are checked on read: a bad one is refused by name, never a broken console. */

const noViewFailed = async (page: Page) => {
  await expect(page.getByRole('heading', { name: /This view failed|could not start/ })).toHaveCount(0)
}

test('an out-of-range ?now= is refused by name and every view still opens', async ({ page }) => {
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto('/topology?now=99999999999999999&latency=0')
  const banner = page.getByTestId('input-banner')
  await expect(banner).toContainText('The address parameter "now" was not used')
  await expect(banner).toContainText('outside the times the console can show')
  await expect(page.getByTestId('source-indicator')).not.toContainText('pinned clock')
  await noViewFailed(page)
  // the refused value was not kept for the tab: the next views open too
  for (const name of ['Traces', 'Errors', 'Metrics']) {
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name }).click()
    await expect(page.locator('main h1').first()).toBeVisible()
    await noViewFailed(page)
  }
  expect(await page.evaluate(() => sessionStorage.getItem('tracelens.pinnedNow'))).toBeNull()
  expect(errors).toEqual([])
})

test('a stored pinned clock that cannot be used is forgotten, and said', async ({ page }) => {
  // stored by an earlier page of this tab: written before the console's first script runs, once.
  // (Written from a page of the console before navigating, it raced a second load of the next
  // page seen in some runs after the first page had installed the synthetic backend's service
  // worker; no code of the console reloads there. The notice belongs to the load that found the
  // value, and a second load finds it forgotten.)
  await page.addInitScript(() => {
    if (sessionStorage.getItem('test.stored') !== null) return
    sessionStorage.setItem('test.stored', '1')
    sessionStorage.setItem('tracelens.pinnedNow', '99999999999999999')
  })
  await page.goto('/errors?latency=0')
  await expect(page.getByTestId('input-banner')).toContainText('The stored value "tracelens.pinnedNow" was not used')
  await noViewFailed(page)
  expect(await page.evaluate(() => sessionStorage.getItem('tracelens.pinnedNow'))).toBeNull()
  await page.getByRole('button', { name: 'Dismiss' }).click()
  await expect(page.getByTestId('input-banner')).toHaveCount(0)
})

test('an absolute time range out of range names its parameter and the view shows its default range', async ({ page }) => {
  await openConsole(page, '/traces', { from: '99999999999999999', to: '99999999999999999999' })
  const banner = page.getByTestId('input-banner')
  await expect(banner).toContainText('The address parameter "from" was not used')
  await expect(banner).toContainText('The address parameter "to" was not used')
  await noViewFailed(page)
})

test('a saved override the console cannot use does not stop it: Settings shows what is wrong and removes it', async ({ page }, testInfo) => {
  await openConsole(page, '/traces')
  await page.evaluate(() => localStorage.setItem('tracelens.config.overrides', '{"traces":{"kind":"zipkin"}}'))
  await page.goto('/topology?latency=0')
  await noViewFailed(page)
  await expect(page.getByTestId('input-banner')).toContainText('Saved settings not used')
  await expect(page.getByTestId('input-banner')).toContainText('"zipkin" is not a trace backend this console knows')
  await page.getByTestId('input-banner').getByRole('link', { name: 'Open Settings' }).click()
  const problem = page.getByTestId('settings-problem')
  await expect(problem).toContainText('traces.kind: "zipkin" is not a trace backend this console knows')
  await expect(page.getByRole('heading', { name: 'In use now: Synthetic data' })).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('settings-bad-override.png'), fullPage: true })
  await problem.getByRole('button', { name: 'Use config.json again' }).click()
  await expect(page.getByRole('heading', { name: 'In use now: Synthetic data' })).toBeVisible()
  await expect(page.getByTestId('settings-problem')).toHaveCount(0)
  expect(await page.evaluate(() => localStorage.getItem('tracelens.config.overrides'))).toBeNull()
})

test('a stored Authorization value with a line break is refused as such, not reported as a CORS failure', async ({ page }) => {
  await openConsole(page, '/traces')
  await page.evaluate(() =>
    localStorage.setItem('tracelens.config.overrides', JSON.stringify({ traces: { kind: 'jaeger', baseUrl: 'http://127.0.0.1:9', authHeader: 'Bearer a\r\nX-Evil: 1' } })),
  )
  await page.goto('/settings?latency=0')
  await expect(page.getByTestId('settings-problem')).toContainText('traces.authHeader: The Authorization value contains a line break')
})

test('Settings accepts a path on this server and http(s) URLs, and refuses other schemes with a reason', async ({ page }) => {
  await openConsole(page, '/settings')
  await page.locator('#traces-kind').selectOption('jaeger')
  const url = page.locator('#traces-url')
  const save = page.getByRole('button', { name: 'Save and reload' })
  for (const bad of ['javascript:alert(document.domain)', 'data:text/html,x', '//evil.example/api', 'jaeger']) {
    await url.fill(bad)
    await expect(url).toHaveAttribute('aria-invalid', 'true')
    await expect(save).toBeDisabled()
  }
  await url.fill('javascript:alert(document.domain)')
  await expect(page.getByRole('alert').filter({ hasText: '"javascript:" addresses are not allowed' })).toBeVisible()
  await page.locator('#traces-auth').fill('x'.repeat(9000))
  await expect(page.getByRole('alert').filter({ hasText: 'is 9,000 characters long' })).toBeVisible()
  await page.locator('#traces-auth').fill('Bearer t0ken')
  await url.fill('/jaeger')
  await expect(url).not.toHaveAttribute('aria-invalid', 'true')
  await save.click()
  const row = page.getByRole('region', { name: /In use now/ }).getByRole('row', { name: /Traces/ })
  await expect(row).toContainText('/jaeger')
  await expect(row).toContainText('saved in this browser')
  await page.getByRole('button', { name: 'Use config.json again' }).click()
  await expect(page.getByRole('heading', { name: 'In use now: Synthetic data' })).toBeVisible()
})
