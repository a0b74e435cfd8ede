import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { openConsole } from './support/app'
import { readHooks, waitForHooks } from './support/hooks'


// the user's time zone is not UTC, so the legend proves it speaks local time
test.use({ timezoneId: 'Europe/Berlin' })

/** the calls drawn as "more errors than the baseline" (red, as wide as the change) */
const moreErrors = (page: Page) => readHooks(page, (h) => (h.graph?.edges('.diffk-errors-up').toArray() ?? []).map((e) => e.id()))

test('compare with a week before and with a custom time: the legend names the window and the differences show', async ({ page }, testInfo) => {
  await openConsole(page, '/topology?range=30m')
  await waitForHooks(page, (h) => (h.graph?.nodes().length ?? 0) > 0)
  const chooser = page.getByRole('combobox', { name: 'Compare with a baseline' })
  const legend = page.getByTestId('legend-baseline')

  await chooser.selectOption({ label: '1 week before' })
  await expect(page).toHaveURL(/baseline=168(&|$)/)
  // now is 10:00 UTC = 11:00 in Berlin; the window is the last 30 minutes
  // a cold world computes the baseline window's topology too (seconds on a busy machine)
  await expect(legend).toContainText('1 week before: vs Mon 16 Nov 10:30–11:00', { timeout: 45_000 })
  await expect(legend.getByTestId('baseline-summary')).toContainText(/\d+ changed/)
  // stock-service panics now but did not a week ago: its calls are drawn with more errors
  await expect.poll(async () => (await moreErrors(page)).some((id) => id.endsWith('->stock-service'))).toBe(true)
  await page.screenshot({ path: testInfo.outputPath('topology-baseline-week.png') })

  await chooser.selectOption({ label: 'Custom time…' })
  const form = page.getByRole('form', { name: 'Custom baseline' })
  const start = form.getByLabel('Starting at (your time)')
  await start.fill('2026-11-24T08:00')
  await form.getByRole('button', { name: 'Compare' }).click()
  await expect(form.getByRole('alert')).toContainText('in the future')
  await expect(page).toHaveURL(/baseline=168/)

  await start.fill('2026-11-20T08:00')
  await form.getByRole('button', { name: 'Compare' }).click()
  await expect(form).toHaveCount(0)
  await expect(page).toHaveURL(/baseline=2026-11-20T07%3A00Z/)
  await expect(legend).toContainText('Custom time: vs Fri 20 Nov 08:00–08:30')
  await expect(legend.getByTestId('baseline-summary')).toContainText(/\d+ changed/)
  await expect.poll(async () => (await moreErrors(page)).some((id) => id.endsWith('->stock-service'))).toBe(true)

  // the side panel says what the numbers are compared with
  await page.getByRole('list', { name: 'Nodes of the graph' }).getByRole('button', { name: /stock-service/ }).first().click()
  await expect(page.getByRole('complementary', { name: 'Details' }).getByTestId('baseline-diff')).toContainText('Against Fri 20 Nov 08:00–08:30')
  await page.screenshot({ path: testInfo.outputPath('topology-baseline-custom.png') })

  // a shared link with the custom start opens the same comparison
  await page.reload()
  await expect(legend).toContainText('Custom time: vs Fri 20 Nov 08:00–08:30', { timeout: 45_000 })
})

test('at 1280×720 the difference from yesterday is seen at the default zoom: more errors in red and wide, the rest faded; "changed only" keeps what differs', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 })
  await openConsole(page, '/topology?baseline=24&live=0')
  await expect(page.getByTestId('legend-diff')).toContainText('more errors', { timeout: 45_000 })
  await expect.poll(async () => (await moreErrors(page)).length, { timeout: 15_000 }).toBeGreaterThan(0)
  const read = () =>
    readHooks(page, (h) => {
      const cy = h.graph
      if (!cy) throw new Error('no graph')
      const z = cy.zoom()
      const crit = cy.nodes('.health-critical').first().style('border-color')
      return {
        nodes: cy.nodes(':childless').length,
        edges: cy.edges().toArray().map((e) => ({ id: e.id(), kind: (e.classes() as string[]).find((c) => c.startsWith('diffk-')) ?? '', color: e.style('line-color'), px: parseFloat(e.style('width')) * z, opacity: Number(e.style('opacity')) })),
        crit,
      }
    })
  // unchanged calls fade through an opacity transition: read the graph once it has settled
  await expect
    .poll(async () => (await read()).edges.filter((e) => e.kind === 'diffk-same').every((e) => e.opacity < 0.5), { timeout: 5_000 })
    .toBe(true)
  const all = await read()
  const worse = all.edges.filter((e) => e.kind === 'diffk-errors-up')
  const same = all.edges.filter((e) => e.kind === 'diffk-same')
  expect(same.length).toBeGreaterThan(worse.length)
  // the calls into stock-service fail far more than yesterday: red, and wider on screen than any unchanged call
  const into = worse.find((e) => e.id.endsWith('->stock-service'))
  expect(into?.color).toBe(all.crit)
  for (const e of same) {
    expect(e.px).toBeLessThan(into?.px ?? 0)
    expect(e.opacity).toBeLessThan(0.5)
  }
  // red is kept for more errors: nothing else is drawn in it
  for (const e of all.edges.filter((x) => x.kind !== 'diffk-errors-up')) expect(e.color, e.id).not.toBe(all.crit)

  await page.getByRole('button', { name: 'Changed only' }).click()
  await expect(page).toHaveURL(/changed=1/)
  await expect.poll(async () => (await read()).nodes).toBeLessThan(all.nodes)
  const changed = await read()
  expect(changed.edges.length).toBeGreaterThan(0)
  expect(changed.edges.filter((e) => e.kind === 'diffk-same')).toEqual([])
  expect(changed.edges.map((e) => e.id)).toContain(into?.id)
})
