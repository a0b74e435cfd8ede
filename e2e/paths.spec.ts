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

  test('traffic sources of mysql-orders: the entries and paths its load comes from, beside the metrics, and on to an entry\'s path tree', async ({ page }) => {
    await openConsole(page, `/paths?from=${NOW - 3 * 60 * MIN}&to=${NOW - 2 * 60 * MIN}`)
    await expect(page.getByRole('heading', { name: 'Paths', level: 1 })).toBeVisible({ timeout: 30_000 })
    await page.getByLabel('Analysis').selectOption('sources')
    await page.getByRole('combobox', { name: /^Service/ }).selectOption('mysql-orders')
    await expect(page).toHaveURL(/view=sources/)
    const summary = page.getByTestId('sources-summary')
    await expect(summary).toContainText(/mysql-orders: ≈ [\d.]+\/s calls arriving \(est\. ± \d+ %, \d+ traces\)/, { timeout: 120_000 })
    await expect(page.getByRole('status').first()).toContainText(/Rests on [\d,]+ complete traces analysed of [\d,]+ listed/)
    // the service's estimate beside the metrics' exact rate, judged against the estimate's uncertainty
    await expect(page.getByTestId('sources-metrics')).toContainText(/metrics \(exact\): [\d.]+\/s · [+−][\d.]+ % (within|beyond) the interval/, { timeout: 60_000 })
    // per edge: order-service's calls to mysql-orders, estimated and exact
    await expect(page.locator('tr[data-caller="order-service"]')).toContainText(/[\d.]+\/s · [+−][\d.]+ % (within|beyond) the interval/)
    await expect(page.getByTestId('sources-sankey')).toBeVisible()
    const checkout = page.locator('tr[data-entry="api-gateway::POST /api/checkout"]')
    await expect(checkout).toContainText(/[\d.]+\/s ± \d+ %/)
    await checkout.getByRole('link', { name: 'paths' }).click()
    await expect(page).toHaveURL(/service=api-gateway&operation=POST/)
    await expect(page.getByRole('treegrid')).toBeVisible({ timeout: 120_000 })
  })

  test('capacity what-if on measured call ratios: checkout × 3 adds load along its own paths, beside each service\'s current rate and capacity', async ({ page }) => {
    await openConsole(page, `/paths?service=api-gateway&operation=${encodeURIComponent('POST /api/checkout')}&from=${NOW - 3 * 60 * MIN}&to=${NOW - 2 * 60 * MIN}`)
    await expect(page.getByRole('treegrid')).toBeVisible({ timeout: 120_000 })
    await page.getByLabel('Traffic factor').fill('3')
    await page.getByRole('button', { name: 'Apply' }).last().click()
    await expect(page).toHaveURL(/whatif=3/)
    const row = page.locator('.paths-whatif tr[data-service="mysql-orders"]')
    await expect(row).toContainText(/\+[\d.]+\/s ± [\d.]+\/s/, { timeout: 60_000 })
    await expect(row).toContainText(/over capacity|may exceed|within capacity/)
    await expect(page.getByTestId('paths-whatif-verdict')).toBeVisible()
  })

  test('the path tree scrolls to its last node (rows drawn as they come into view) and switches to a Sankey whose nodes open their traces', async ({ page }) => {
    await openConsole(page, `/paths?service=api-gateway&operation=${encodeURIComponent('POST /api/checkout')}&from=${NOW - 3 * 60 * MIN}&to=${NOW - 2 * 60 * MIN}`)
    const tree = page.getByRole('treegrid')
    await expect(tree).toBeVisible({ timeout: 120_000 })
    await expect(page.getByText(/Early answer/)).toHaveCount(0, { timeout: 120_000 })
    const count = Number(await tree.getAttribute('aria-rowcount'))
    expect(count).toBeGreaterThan(20)
    await page.getByTestId('paths-tree-scroll').evaluate((el) => el.scrollTo(0, el.scrollHeight))
    await expect(tree.locator(`tr[aria-rowindex="${count}"]`)).toBeVisible()
    await page.getByRole('button', { name: 'Sankey', exact: true }).click()
    await expect(page).toHaveURL(/show=sankey/)
    const sankey = page.getByTestId('path-sankey')
    await expect(sankey).toBeVisible()
    await expect(sankey).toHaveAttribute('aria-label', /as a Sankey of \d+ nodes/)
    // the entry's node sits at the top left: a click opens one of its traces at its span
    const box = await sankey.boundingBox()
    if (!box) throw new Error('no Sankey box')
    // (the chart draws at the next frame and animates its nodes in: a click before they are in
    // place hits nothing, so the click is tried again until one opens the trace)
    await expect(async () => {
      await page.mouse.click(box.x + 12, box.y + 14)
      await expect(page).toHaveURL(/\/traces\/[^?]+\?(?:.*&)?span=/, { timeout: 1_000 })
    }).toPass({ timeout: 15_000 })
  })
})
