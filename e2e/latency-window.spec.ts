import { expect, test } from '@playwright/test'
import type { Locator } from '@playwright/test'
import { openConsole } from './support/app'

/**
 * Incident B (mysql-orders p99 ×10) runs from now − 45 min to now − 38 min. A window's p99 is the
 * quantile of the latency histogram merged over the whole window, so the last hour's p99 carries
 * the spike, while the last 15 minutes (after it) do not.
 */

/** "28.9 ms", "950 µs", "1.20 s" → µs */
function micros(text: string): number {
  const m = /([\d.,]+)\s*(µs|ms|s)\b/.exec(text)
  if (!m) throw new Error(`no duration in "${text}"`)
  const v = Number(m[1].replace(/,/g, ''))
  return m[2] === 'µs' ? v : m[2] === 'ms' ? v * 1000 : v * 1_000_000
}

async function durationIn(locator: Locator): Promise<number> {
  await expect(locator).toHaveText(/\d/, { timeout: 60_000 })
  return micros((await locator.textContent()) ?? '')
}

test('metrics: the hour window p99 of mysql-orders shows the spike inside it; the quarter hour after it does not', async ({ page }) => {
  await openConsole(page, '/metrics?service=mysql-orders&range=1h')
  const hour = await durationIn(page.getByTestId('window-p99'))
  await expect(page.getByTestId('window-percentiles')).toContainText('Whole window')
  await openConsole(page, '/metrics?service=mysql-orders&range=15m')
  const quarter = await durationIn(page.getByTestId('window-p99'))
  // the world's truth: ≈ 28 ms over the hour, ≈ 6.5 ms on a quiet window
  expect(hour).toBeGreaterThan(20_000)
  expect(hour).toBeLessThan(40_000)
  expect(quarter).toBeLessThan(10_000)
})

test('topology: the hour window p99 of mysql-orders shows the spike in the node panel', async ({ page }) => {
  await openConsole(page, '/topology?range=1h&sel=node:mysql-orders')
  await expect(page.getByTestId('node-latency')).toHaveText(/\d/, { timeout: 60_000 })
  const [, p99Hour] = ((await page.getByTestId('node-latency').textContent()) ?? '').split('/')
  expect(micros(p99Hour)).toBeGreaterThan(20_000)
  await openConsole(page, '/topology?range=15m&sel=node:mysql-orders')
  await expect(page.getByTestId('node-latency')).toHaveText(/\d/, { timeout: 60_000 })
  const [, p99Quarter] = ((await page.getByTestId('node-latency').textContent()) ?? '').split('/')
  expect(micros(p99Quarter)).toBeLessThan(10_000)
})
