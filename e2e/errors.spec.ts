import { expect, test } from '@playwright/test'
import { incidentsAt } from '../mocks/synthetic/incidents'
import { errorTracesTruth, reserveStockTruth } from '../mocks/synthetic/test/error-truth'
import { buildWorld } from '../mocks/synthetic/world'
import { PINNED_NOW } from './support/app'
import { ErrorsPage } from './pages/errors-page'
import { TracePage } from './pages/trace-page'

/** "≈ 470k ± 4 %" or "470k" → 470000 */
function estimateOf(text: string | null): number {
  const m = /(?:≈\s*)?([\d.]+)\s*([kMG]?)/.exec(text ?? '')
  if (!m) throw new Error(`no volume in "${text ?? ''}"`)
  const unit = { '': 1, k: 1e3, M: 1e6, G: 1e9 }[m[2] as '' | 'k' | 'M' | 'G']
  return Number(m[1]) * unit
}

test.describe('error chains', () => {
  // the page fetches a few hundred traces for today and yesterday: allow for a busy machine
  test.setTimeout(180_000)

  test('during the checkout incident, the deployed panicking service ranks first and its chain opens a trace', async ({ page }, testInfo) => {
    // what the page showed first: the early answer's note and the first root cause then
    await page.addInitScript(() => {
      const w = window
      new MutationObserver(() => {
        if (w.__early !== undefined) return
        const note = document.querySelector('[data-testid="errors-preliminary"]')
        const cause = document.querySelector('[data-testid="root-cause"]')
        if (cause) w.__early = note ? `${note.textContent ?? ''} | ${cause.textContent ?? ''}` : 'no early answer'
      }).observe(document, { childList: true, subtree: true, characterData: true })
    })
    const errors = await ErrorsPage.open(page)
    await expect(errors.heading).toBeVisible({ timeout: 30_000 })
    // the sample states its size and coverage once analysed
    await expect(errors.sample).toContainText(/Chains from \d+ traces analysed/, { timeout: 150_000 })
    // before that, an early answer from the first traces already put the deployed service first
    const early = await page.evaluate(() => window.__early)
    expect(early).toMatch(/^Early answer from the first \d+ of \d+ traces.*\| 1.*stock-service/)

    const firstCause = errors.rootCauses.first()
    await expect(firstCause).toContainText('stock-service', { timeout: 60_000 })
    await expect(firstCause).toContainText('deploy v2.14.0')

    const stockChain = errors.chain('stock-service:ReserveStock → api-gateway')
    await expect(stockChain).toBeVisible()
    // counted over every error trace, the chain existed yesterday too (ReserveStock's usual failures, a few a minute): it rose, it is not new
    await expect(stockChain.getByTestId('chain-trend')).toHaveText('▲ Up')
    await expect(stockChain.getByTestId('chain-change')).toContainText('deploy v2.14.0')
    await expect(stockChain).toContainText('converted')
    await expect(errors.partialBanner.first()).toContainText('dc-west')

    await page.screenshot({ path: testInfo.outputPath('errors-light.png'), fullPage: true })
    await stockChain.screenshot({ path: testInfo.outputPath('errors-chain-card.png') })

    await stockChain.getByRole('link', { name: 'Open example trace' }).click()
    await expect(page).toHaveURL(/\/traces\/[^?]+\?(?:.*&)?span=[^&]+&chain=/)
    // the trace page highlights the chain that was opened
    const diagram = new TracePage(page).chainDiagram
    await expect(diagram.getByRole('link', { name: 'Highlighted' })).toHaveAttribute('aria-current', 'true', { timeout: 30_000 })
    await expect(diagram.locator('.tp-chain.is-active')).toContainText('stock-service')
  })

  test('6 h: the error volumes, counted by the backend over every error trace, agree with the world’s truth within 10 %', async ({ page }) => {
    const errors = await ErrorsPage.open(page, 'range=6h')
    const total = errors.total
    await expect(errors.totalBasis).toContainText(/over all [\d.]+k error traces, computed by the synthetic backend from its traffic model/, { timeout: 150_000 })
    // the truth computed independently of the world's traffic code, from its catalogue and documented rules
    const now = Date.parse(PINNED_NOW)
    const world = buildWorld()
    const inc = incidentsAt(now)
    const HOUR = 3_600_000
    const DAY = 24 * HOUR
    const truth = errorTracesTruth(world, inc, now - 6 * HOUR, now)
    const truthYesterday = errorTracesTruth(world, inc, now - DAY - 6 * HOUR, now - DAY)
    expect(Math.abs(estimateOf(await total.textContent()) / truth - 1)).toBeLessThan(0.1)
    expect(Math.abs(estimateOf(await errors.totalYesterday.textContent()) / truthYesterday - 1)).toBeLessThan(0.1)
    // incident A's chains from ReserveStock, to both checkout entries, against the catalogue's rule
    const cards = errors.chainCards.filter({ has: page.getByRole('heading', { name: /^stock-service:ReserveStock → (api|mobile)-gateway$/ }) })
    await expect(cards).toHaveCount(2, { timeout: 150_000 })
    let reserve = 0
    for (const card of await cards.all()) reserve += estimateOf(await card.getByText(/now \(all error traces\)/).textContent())
    expect(Math.abs(reserve / reserveStockTruth(world, inc, now - 6 * HOUR, now) - 1)).toBeLessThan(0.1)
    // the chain cards come from the sample, whose examples open traces
    await expect(cards.first().getByRole('link', { name: 'Open example trace' })).toBeVisible()
  })

  test('a click on the propagation diagram filters the chains; the filter lives in the URL', async ({ page }) => {
    const errors = await ErrorsPage.open(page)
    await expect(errors.sample).toBeVisible({ timeout: 150_000 })
    await expect(errors.chainCards.first()).toBeVisible({ timeout: 60_000 })
    const before = await errors.chainCards.count()
    // click the stock-service origin node where the Sankey laid it out (again if a resize moved it)
    await expect(async () => {
      await errors.clickOrigin('stock-service')
      await expect(page).toHaveURL(/pick=stock-service/, { timeout: 2_000 })
    }).toPass({ timeout: 30_000 })
    // the URL changes first; the list follows on the next render
    await expect.poll(() => errors.chainCards.count()).toBeLessThan(before)
    expect(await errors.chainCards.count()).toBeGreaterThan(0)
    for (const card of await errors.chainCards.all()) await expect(card).toContainText('stock-service')
    await page.getByRole('button', { name: /Clear filter/ }).click()
    await expect(page).not.toHaveURL(/pick=/)
  })

  test('scoped from elsewhere to a service, chains are ordered by growth; dark theme', async ({ page }, testInfo) => {
    await page.addInitScript(() => localStorage.setItem('tracelens.theme', 'dark'))
    const errors = await ErrorsPage.open(page, 'service=mobile-gateway')
    await expect(errors.sample).toBeVisible({ timeout: 150_000 })
    await expect(page.getByRole('button', { name: 'Grew most since yesterday' })).toHaveAttribute('aria-pressed', 'true')
    await expect(errors.chainCards.first()).toContainText('mobile-gateway')
    await page.screenshot({ path: testInfo.outputPath('errors-dark.png'), fullPage: true })
  })

  for (const viewport of [{ width: 1280, height: 720 }, { width: 1440, height: 900 }]) {
    test(`"Entries hit" shows every column whole at ${viewport.width}×${viewport.height}`, async ({ page }, testInfo) => {
      await page.setViewportSize(viewport)
      await ErrorsPage.open(page)
      const panel = page.getByRole('region', { name: 'Entries hit' })
      const rows = panel.getByRole('row')
      await expect(rows.nth(1)).toBeVisible({ timeout: 120_000 })
      await expect(panel.getByRole('cell', { name: '…' })).toHaveCount(0, { timeout: 60_000 })
      await panel.scrollIntoViewIfNeeded()
      await page.screenshot({ path: testInfo.outputPath(`entries-hit-${viewport.width}.png`) })
      const box = await panel.boundingBox()
      if (!box) throw new Error('the panel is not on screen')
      // every header and cell ends inside the panel, and none is cut inside itself
      const cells = panel.locator('th, td')
      const n = await cells.count()
      expect(n).toBeGreaterThanOrEqual(8)
      for (let i = 0; i < n; i++) {
        const cell = cells.nth(i)
        const b = await cell.boundingBox()
        expect(b, await cell.innerText()).not.toBeNull()
        expect(b!.x + b!.width, `"${await cell.innerText()}" ends inside the panel`).toBeLessThanOrEqual(box.x + box.width + 0.5)
        expect(await cell.evaluate((el) => el.scrollWidth <= el.clientWidth), `"${await cell.innerText()}" is not cut`).toBe(true)
      }
    })
  }
})
