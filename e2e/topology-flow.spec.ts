import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { openConsole } from './support/app'
import { readHooks, waitForHooks } from './support/hooks'


const FAILING = 'order-service->stock-service'

async function waitForGraph(page: Page) {
  await waitForHooks(page, (h) => (h.graph?.nodes().length ?? 0) > 0)
}

const edgeDots = (page: Page, id: string) => readHooks(page, (h, e) => h.traffic?.perEdge[e] ?? null, id)

test('traffic animation: dots on every busy call, red ones on the failing call of incident A; paused in a hidden tab', async ({ page }, testInfo) => {
  await openConsole(page, '/topology?range=30m')
  await waitForGraph(page)
  const legend = page.getByTestId('topo-legend')
  await expect(page.getByTestId('traffic-overlay')).toHaveCount(0)
  await legend.getByRole('button', { name: 'Animate' }).click()
  await expect(page).toHaveURL(/flow=1/)
  await expect(legend.getByTestId('legend-flow')).toContainText('red squares')

  const overlay = page.getByTestId('traffic-overlay')
  await expect(overlay).toHaveAttribute('data-state', 'running')
  await expect.poll(async () => Number(await overlay.getAttribute('data-dots'))).toBeGreaterThan(20)
  // order-service → stock-service fails about one call in five: at least one of its dots in flight is red
  await expect.poll(async () => (await edgeDots(page, FAILING))?.red ?? 0).toBeGreaterThan(0)
  const failing = await edgeDots(page, FAILING)
  expect(failing?.dots).toBeGreaterThan(failing?.red ?? 0)
  // the other calls fail rarely (mostly well under 1 %): red is rare among all dots
  const all = await readHooks(page, (h) => Object.values(h.traffic?.perEdge ?? {}).reduce((a, v) => ({ dots: a.dots + v.dots, red: a.red + v.red }), { dots: 0, red: 0 }))
  expect(all.red / all.dots).toBeLessThan(0.15)
  // the canvas really has pixels on it
  const painted = await overlay.evaluate((c: HTMLCanvasElement) => {
    const ctx = c.getContext('2d')
    if (!ctx) return 0
    const d = ctx.getImageData(0, 0, c.width, c.height).data
    let n = 0
    for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++
    return n
  })
  expect(painted).toBeGreaterThan(100)
  await page.screenshot({ path: testInfo.outputPath('topology-flow-light.png') })

  // a hidden tab draws nothing
  await page.evaluate(() => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true })
    document.dispatchEvent(new Event('visibilitychange'))
  })
  await expect(overlay).toHaveAttribute('data-state', 'paused-hidden')
  const frames = await readHooks(page, (h) => h.traffic?.frames ?? 0)
  await page.waitForTimeout(300)
  expect(await readHooks(page, (h) => h.traffic?.frames ?? 0)).toBe(frames)
  await page.evaluate(() => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => false })
    document.dispatchEvent(new Event('visibilitychange'))
  })
  await expect(overlay).toHaveAttribute('data-state', 'running')

  // turning the traffic overlay off removes the dots
  await legend.getByRole('button', { name: 'Traffic' }).click()
  await expect(overlay).toHaveCount(0)
})

test('traffic animation in the dark theme', async ({ page }, testInfo) => {
  await page.addInitScript(() => localStorage.setItem('tracelens.theme', 'dark'))
  await openConsole(page, '/topology?range=30m&flow=1&sel=edge:order-service->stock-service')
  await waitForGraph(page)
  await expect.poll(async () => (await edgeDots(page, FAILING))?.red ?? 0).toBeGreaterThan(0)
  await page.screenshot({ path: testInfo.outputPath('topology-flow-dark.png') })
})

test.describe('with reduced motion', () => {
  test.use({ reducedMotion: 'reduce' })
  test('the animation stays off and the legend says why', async ({ page }) => {
    await openConsole(page, '/topology?flow=1')
    await waitForGraph(page)
    const legend = page.getByTestId('topo-legend')
    await expect(legend.getByRole('button', { name: 'Animate' })).toHaveAttribute('aria-pressed', 'true')
    await expect(legend.getByTestId('legend-flow-off')).toHaveText('Animation is off: your system asks for reduced motion.')
    await expect(page.getByTestId('traffic-overlay')).toHaveCount(0)
  })
})
