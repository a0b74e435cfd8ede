import { expect, test } from '@playwright/test'
import { openConsole, PINNED_NOW } from './support/app'

// A world of 1,000 services: run in the "large" project (playwright.config.ts), one test at a
// time once the others are done, so its synthetic world has the machine's cores to itself.
const NOW = Date.parse(PINNED_NOW)
const MIN = 60_000

test.describe.configure({ timeout: 180_000 })

test('a busy entry of the world at 1,000 services: its tree of hundreds of nodes scrolls with only the rows in view drawn, and folds to one row', async ({ page }) => {
  await openConsole(page, `/paths?scale=1000&service=api-gateway&operation=${encodeURIComponent('GET /api/search')}&from=${NOW - 60 * MIN}&to=${NOW}`)
  const tree = page.getByRole('treegrid')
  await expect(tree).toBeVisible({ timeout: 150_000 })
  await expect(page.getByText(/Early answer/)).toHaveCount(0, { timeout: 150_000 })
  const count = Number(await tree.getAttribute('aria-rowcount'))
  expect(count).toBeGreaterThan(300)
  const drawn = tree.locator('tbody tr[data-index]')
  // virtualised: far fewer rows in the DOM than the tree has
  expect(await drawn.count()).toBeLessThan(120)
  await expect(tree.locator('tr[aria-rowindex="2"]')).toBeVisible()
  // the wheel scrolls it: the first rows leave, deeper ones are drawn
  const box = page.getByTestId('paths-tree-scroll')
  await box.hover()
  for (let i = 0; i < 20; i++) await page.mouse.wheel(0, 400)
  await expect(tree.locator('tr[aria-rowindex="2"]')).toHaveCount(0)
  const firstDrawn = Number(await drawn.first().getAttribute('aria-rowindex'))
  expect(firstDrawn).toBeGreaterThan(100)
  expect(await drawn.count()).toBeLessThan(120)
  // to the end: its last node is drawn and in view
  await box.evaluate((el) => el.scrollTo(0, el.scrollHeight))
  await expect(tree.locator(`tr[aria-rowindex="${count}"]`)).toBeInViewport()
  // back to the top, fold the entry: one row; unfold: all of them again
  await box.evaluate((el) => el.scrollTo(0, 0))
  await page.getByRole('button', { name: 'Collapse api-gateway GET /api/search' }).click()
  await expect(tree).toHaveAttribute('aria-rowcount', '2')
  await page.getByRole('button', { name: 'Expand api-gateway GET /api/search' }).click()
  await expect(tree).toHaveAttribute('aria-rowcount', String(count))
})
