import { expect, test } from '@playwright/test'
import { openConsole } from './support/app'

test('settings: shows the data sources in use, saves an override that applies after reload, and resets it', async ({ page }, testInfo) => {
  await openConsole(page, '/traces')
  await page.getByRole('link', { name: 'Settings' }).click()
  await expect(page.getByRole('heading', { name: 'In use now: Synthetic data' })).toBeVisible()
  const inUse = page.getByRole('region', { name: /In use now/ })
  await expect(inUse.getByRole('row', { name: /Traces/ })).toContainText('config.json')
  await page.screenshot({ path: testInfo.outputPath('settings-light.png'), fullPage: true })

  await page.locator('#traces-kind').selectOption('jaeger')
  await page.locator('#traces-url').fill('http://127.0.0.1:9/jaeger')
  await page.locator('#metrics-kind').selectOption('prometheus')
  await page.locator('#metrics-url').fill('http://127.0.0.1:9/prom')
  await page.locator('#metrics-auth').fill('Bearer t0ken')
  await page.getByRole('button', { name: 'Save and reload' }).click()

  await expect(page.getByTestId('source-indicator')).toContainText('Jaeger traces · Prometheus metrics')
  const row = page.getByRole('region', { name: /In use now/ }).getByRole('row', { name: /Metrics and topology/ })
  await expect(row).toContainText('http://127.0.0.1:9/prom')
  await expect(row).toContainText('saved in this browser')
  await expect(row).not.toContainText('t0ken')
  // what this combination cannot show is said, not silently missing
  await expect(page.getByTestId('not-available').filter({ hasText: 'Log lines' })).toBeVisible()
  await page.getByRole('button', { name: 'Switch to dark theme' }).click()
  await page.screenshot({ path: testInfo.outputPath('settings-dark.png'), fullPage: true })

  await page.getByRole('button', { name: 'Use config.json again' }).click()
  await expect(page.getByRole('heading', { name: 'In use now: Synthetic data' })).toBeVisible()
})

test('settings: "Test connection" asks each source with the unsaved form values and says what happened', async ({ page }, testInfo) => {
  await openConsole(page, '/settings')
  const traces = page.getByTestId('traces-test-result')
  const metrics = page.getByTestId('metrics-test-result')
  const testButton = (id: string) => page.locator(`fieldset:has(#${id}-kind)`).getByRole('button', { name: 'Test connection' })

  // the synthetic world in use answers with its services
  await testButton('traces').click()
  await expect(traces).toHaveText(/^OK: synthetic world answered at .* with 41 services\.$/)

  // a Jaeger nobody runs: the network (or CORS) failure is said, and nothing was saved
  await page.locator('#traces-kind').selectOption('jaeger')
  await expect(traces).not.toContainText('OK')
  await page.locator('#traces-url').fill('http://127.0.0.1:9/jaeger')
  await testButton('traces').click()
  await expect(traces).toHaveText(/^Network or CORS: .*could not be reached/, { timeout: 20_000 })

  // a path on this server where no Prometheus is: the wrong path is said as such
  await page.locator('#metrics-kind').selectOption('prometheus')
  await page.locator('#metrics-url').fill('/not-prometheus')
  await testButton('metrics').click()
  await expect(metrics).toHaveText(/^Not found \(404\): nothing answers at \/not-prometheus\/api\/v1\/.*path is probably wrong/)
  await page.screenshot({ path: testInfo.outputPath('settings-test-connection.png'), fullPage: true })

  await page.reload()
  await expect(page.getByRole('heading', { name: 'In use now: Synthetic data' })).toBeVisible()
})
