import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { openConsole } from './support/app'
import { readHooks, waitForHooks } from './support/hooks'


// the user's time zone is not UTC, so the legend proves it speaks local time
test.use({ timezoneId: 'Europe/Berlin' })

const diffLabels = (page: Page) =>
  readHooks(page, (h) =>
    (h.graph?.edges().toArray() ?? [])
      .filter((e) => e.hasClass('diff-kept') || e.hasClass('diff-new') || e.hasClass('diff-vanished'))
      .map((e) => String(e.data('label'))),
  )

test('compare with a week before and with a custom time: the legend names the window and the differences show', async ({ page }, testInfo) => {
  await openConsole(page, '/topology?range=30m')
  await waitForHooks(page, (h) => (h.graph?.nodes().length ?? 0) > 0)
  const chooser = page.getByRole('combobox', { name: 'Compare with a baseline' })
  const legend = page.getByTestId('legend-baseline')

  await chooser.selectOption({ label: '1 week before' })
  await expect(page).toHaveURL(/baseline=168(&|$)/)
  // now is 10:00 UTC = 11:00 in Berlin; the window is the last 30 minutes
  await expect(legend).toContainText('1 week before: vs Mon 16 Nov 10:30–11:00')
  await expect(legend.getByTestId('baseline-summary')).toContainText(/\d+ changed/)
  // stock-service panics now but did not a week ago: its calls carry the error delta
  await expect.poll(async () => (await diffLabels(page)).some((l) => /err \+\d/.test(l))).toBe(true)
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
  await expect.poll(async () => (await diffLabels(page)).some((l) => /err \+\d/.test(l))).toBe(true)

  // the side panel says what the numbers are compared with
  await page.getByRole('list', { name: 'Nodes of the graph' }).getByRole('button', { name: /stock-service/ }).first().click()
  await expect(page.getByRole('complementary', { name: 'Details' }).getByTestId('baseline-diff')).toContainText('Against Fri 20 Nov 08:00–08:30')
  await page.screenshot({ path: testInfo.outputPath('topology-baseline-custom.png') })

  // a shared link with the custom start opens the same comparison
  await page.reload()
  await expect(legend).toContainText('Custom time: vs Fri 20 Nov 08:00–08:30')
})
