import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, test } from '@playwright/test'
import { openConsole } from './support/app'

const fixture = fileURLToPath(new URL('./fixtures/checkout-trace.jaeger.json', import.meta.url))

test('a trace file edited without changing span ids or timings opens with its new content', async ({ page }) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tracelens-e2e-'))
  const edited = path.join(dir, 'checkout-trace.jaeger.json')
  writeFileSync(edited, readFileSync(fixture, 'utf8').replace('"POST /api/checkout"', '"POST /api/checkout-v2"'))

  await openConsole(page, '/traces?range=1h')
  await page.getByTestId('trace-file-input').setInputFiles(fixture)
  await expect(page).toHaveURL(/\/traces\/file-[0-9a-f]{8}/)
  const grid = page.getByRole('treegrid')
  await expect(grid).toContainText('POST /api/checkout')
  await expect(grid).not.toContainText('POST /api/checkout-v2')
  const first = page.url()

  // the same tab, the same span ids and timings: only the content differs
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Traces' }).click()
  await page.getByTestId('trace-file-input').setInputFiles(edited)
  await expect(page).not.toHaveURL(first)
  await expect(page).toHaveURL(/\/traces\/file-[0-9a-f]{8}/)
  await expect(page.getByRole('treegrid')).toContainText('POST /api/checkout-v2')
})

test("a span of a file trace whose service the metrics source does not know: its metrics link says so once, with no failed charts", async ({ page }, testInfo) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tracelens-e2e-'))
  const renamed = path.join(dir, 'checkout-trace.jaeger.json')
  writeFileSync(renamed, readFileSync(fixture, 'utf8').replaceAll('"serviceName": "api-gateway"', '"serviceName": "edge-proxy"'))

  await openConsole(page, '/traces?range=1h')
  await page.getByTestId('trace-file-input').setInputFiles(renamed)
  await expect(page).toHaveURL(/\/traces\/file-[0-9a-f]{8}/)
  const grid = page.getByRole('treegrid')
  await grid.getByRole('row').filter({ hasText: 'edge-proxy' }).first().click()
  await page.getByTestId('span-detail').getByRole('link', { name: 'Metrics of this operation' }).click()
  await expect(page).toHaveURL(/\/metrics\?.*service=edge-proxy/)

  const notice = page.getByTestId('metrics-unknown-service')
  await expect(notice).toHaveCount(1)
  await expect(notice).toContainText('edge-proxy is not known to the metrics source')
  await expect(page.getByText(/could not be loaded/)).toHaveCount(0)
  await expect(page.getByText('Not loaded: the message above says why.')).toHaveCount(0)
  await expect(page.getByRole('region', { name: /Error rate/ })).toHaveCount(0)
  await page.screenshot({ path: testInfo.outputPath('metrics-unknown-service.png') })

  // a service the source knows, chosen above, draws its charts again
  await page.getByLabel('Service').selectOption('checkout-bff')
  await expect(page.getByTestId('metric-chart-error_rate')).toBeVisible({ timeout: 30_000 })
  await expect(notice).toHaveCount(0)
})
