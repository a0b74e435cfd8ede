import { expect, test } from '@playwright/test'
import { PINNED_NOW } from './support/app'
import { ERROR_CHART, MetricsPage } from './pages/metrics-page'
import { TracePage } from './pages/trace-page'

test.describe('metrics', () => {
  test('keyboard only: arrows to the error spike, Enter lists its error traces, Escape returns; a range; an exemplar opens its trace', async ({ page }, testInfo) => {
    test.setTimeout(180_000)
    const metrics = await MetricsPage.open(page, 'service=api-gateway')
    await metrics.waitForChart(ERROR_CHART)
    const card = metrics.card('Error rate')
    const chart = card.getByRole('application', { name: /Error rate of api-gateway/ })
    // reach the chart with Tab from the control before it
    await card.getByRole('button', { name: 'Traces at the peak' }).focus()
    await page.keyboard.press('Tab')
    await expect(chart).toBeFocused()
    const keys = card.getByTestId('chart-keys')
    await expect(keys).toContainText('Enter traces')
    const spike = await metrics.spikeIndex(ERROR_CHART)
    await page.keyboard.press('End')
    for (let i = spike.count - 1; i > spike.index; i--) await page.keyboard.press('ArrowLeft')
    await expect(keys).toContainText(/Error rate \d.*Enter lists its traces/)
    await page.screenshot({ path: testInfo.outputPath('metrics-keyboard-cursor.png') })
    await page.keyboard.press('Enter')

    await expect(page).toHaveURL(/chart=error_rate/)
    expect(metrics.selection()[0]).toBe(spike.time)
    expect(new URL(page.url()).searchParams.get('point')).toBe('1')
    const drill = metrics.drill
    await expect(drill.getByRole('heading', { name: 'Traces behind this point' })).toBeFocused()
    await expect(metrics.drillCondition).toHaveText('traces with a failed span of api-gateway')
    const rows = metrics.drillRows
    await expect(rows.first()).toBeVisible({ timeout: 20_000 })
    const count = await rows.count()
    for (let i = 0; i < count; i++) await expect(rows.nth(i).getByText('error', { exact: true })).toBeVisible()

    // Escape closes the list and returns to the chart, where the cursor still is
    await page.keyboard.press('Escape')
    await expect(drill).toHaveCount(0)
    await expect(chart).toBeFocused()
    await expect(page).not.toHaveURL(/chart=/)
    // Shift+Left three times: a range of four steps ending at the spike
    for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowLeft')
    await expect(keys).toContainText(/Range .* Enter lists its traces/)
    await page.screenshot({ path: testInfo.outputPath('metrics-keyboard-range.png') })
    await page.keyboard.press('Enter')
    await expect(page.getByRole('heading', { name: 'Traces behind this range' })).toBeFocused()
    const sel = metrics.selection()
    expect(new URL(page.url()).searchParams.get('point')).toBeNull()
    expect(sel[0]).toBeLessThan(spike.time)
    expect(sel[1]).toBeGreaterThan(spike.time)
    await page.keyboard.press('Escape')
    await expect(chart).toBeFocused()

    // on to the latency chart: E steps onto an exemplar, Enter opens its trace
    await page.keyboard.press('Tab')
    await page.keyboard.press('Tab')
    const latency = page.getByRole('application', { name: /Latency p50 \/ p95 \/ p99 of api-gateway/ })
    await expect(latency).toBeFocused()
    await page.keyboard.press('e')
    const latencyKeys = metrics.card(/Latency/).getByTestId('chart-keys')
    await expect(latencyKeys).toContainText(/Exemplar \d+ of \d+: .* Enter opens the trace/)
    await page.screenshot({ path: testInfo.outputPath('metrics-keyboard-exemplar.png') })
    await page.keyboard.press('Enter')
    await expect(page).toHaveURL(/\/traces\/[^/?]+/, { timeout: 20_000 })
  })

  test('exemplars are listed as links to their traces', async ({ page }) => {
    test.setTimeout(120_000)
    const metrics = await MetricsPage.open(page, 'service=api-gateway')
    await metrics.waitForChart('metric-chart-latency')
    const toggle = page.getByRole('button', { name: /\d+ exemplars/ })
    await toggle.focus()
    await page.keyboard.press('Enter')
    await expect(toggle).toHaveAttribute('aria-expanded', 'true')
    const list = page.getByRole('list', { name: 'Exemplar traces, failing and slowest first' })
    const first = list.getByRole('link').first()
    await expect(first).toBeVisible()
    // failing first: the incident's exemplars lead the list
    await expect(list.getByRole('listitem').first().getByText('error', { exact: true })).toBeVisible()
    await first.focus()
    await page.keyboard.press('Enter')
    await expect(page).toHaveURL(/\/traces\/[^/?]+/, { timeout: 20_000 })
  })

  test('from the error-rate spike of the entry service to the panicking service, and Back', async ({ page }, testInfo) => {
    test.setTimeout(180_000) // three page loads on a busy machine; the synthetic backend runs in the page
    const metrics = await MetricsPage.open(page)
    await expect(page).toHaveURL(/service=api-gateway/, { timeout: 60_000 })
    await metrics.waitForChart(ERROR_CHART)
    await page.screenshot({ path: testInfo.outputPath('metrics-landing.png'), fullPage: true })

    const spike = await metrics.clickSpike(ERROR_CHART)
    expect(spike.value).toBeGreaterThan(0.02)

    await expect(page).toHaveURL(/chart=error_rate/)
    await expect(page).toHaveURL(/sel=\d+-\d+/)
    const [selFrom, selTo] = metrics.selection()
    expect(selFrom).toBe(spike.time)

    await expect(metrics.drillCondition).toHaveText('traces with a failed span of api-gateway')
    const rows = metrics.drillRows
    await expect(rows.first()).toBeVisible({ timeout: 20_000 })
    const count = await rows.count()
    for (let i = 0; i < count; i++) await expect(rows.nth(i).getByText('error', { exact: true })).toBeVisible()
    // every row started inside the selected step
    const starts = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-start-ms'))))
    for (const s of starts) {
      expect(s).toBeGreaterThanOrEqual(selFrom - 1000)
      expect(s).toBeLessThanOrEqual(selTo + 1000)
    }
    await expect(metrics.diff).toBeVisible()
    await page.screenshot({ path: testInfo.outputPath('metrics-drill.png'), fullPage: true })

    const before = page.url()
    // each row names the failed api-gateway span and opens the trace at it; a second link goes to where the error started
    await expect(rows.first().getByTestId('drill-origin')).toBeVisible()
    expect(await rows.first().getAttribute('data-span-id')).toBeTruthy()
    await rows.first().getByTestId('drill-origin').click()
    // one click from the spike to the failing call: the trace opens at the span where its error
    // started (stock-service ReserveStock), selected, with its panic in the detail
    await expect(page).toHaveURL(/\/traces\/[^/?]+\?(?:.*&)?span=[^&]+&chain=/, { timeout: 20_000 })
    const trace = new TracePage(page)
    await expect(page.getByRole('row', { name: /stock-service ReserveStock/ }).first()).toBeVisible({ timeout: 20_000 })
    const detail = trace.spanDetail
    await expect(detail).toContainText('stock-service')
    await expect(detail).toContainText('Error started here')
    await expect(detail.getByText('panic', { exact: true })).toBeVisible()
    await page.screenshot({ path: testInfo.outputPath('metrics-to-failing-span.png') })

    await page.goBack()
    expect(page.url()).toBe(before)
    await metrics.waitForChart(ERROR_CHART)
    await expect(metrics.drill).toBeVisible()
    await expect(metrics.card('Error rate')).toHaveClass(/metrics-card-selected/)
    expect(await metrics.markedRanges(ERROR_CHART)).toContainEqual([selFrom, selTo])

    // one step of a sampled store holds few traces: the panel offers the minute either side
    await metrics.drill.getByRole('button', { name: 'Widen to the minute either side' }).click()
    await expect(page.getByRole('heading', { name: 'Traces behind this range' })).toBeVisible()
    expect(metrics.selection()).toEqual([selFrom - 60_000, selTo + 60_000])
    await expect.poll(() => metrics.drillRows.count(), { timeout: 20_000 }).toBeGreaterThan(count)
  })

  test('the reverse link from a span shows its series with the time marked', async ({ page }, testInfo) => {
    test.setTimeout(120_000)
    const at = Date.parse(PINNED_NOW) - 10 * 60_000
    const metrics = await MetricsPage.open(page, `service=stock-service&operation=ReserveStock&at=${at}`)
    await expect(page.getByRole('heading', { level: 1 })).toContainText('stock-service', { timeout: 60_000 })
    await expect(page.getByRole('heading', { level: 1 })).toContainText('ReserveStock')
    await expect(page.getByTestId('metrics-at-marker')).toBeVisible()
    await metrics.waitForChart(ERROR_CHART)
    expect(await metrics.markedTimes(ERROR_CHART)).toContain(at)
    await page.screenshot({ path: testInfo.outputPath('metrics-reverse-link.png'), fullPage: true })
  })

  test('a brushed range lists its traces and explains what is different; a value becomes a filter', async ({ page }, testInfo) => {
    test.setTimeout(180_000)
    const now = Date.parse(PINNED_NOW)
    const metrics = await MetricsPage.open(page, 'service=api-gateway')
    await metrics.waitForChart(ERROR_CHART)
    await metrics.brush(ERROR_CHART, now - 17 * 60_000, now - 2 * 60_000)
    await expect(page).toHaveURL(/chart=error_rate/)
    expect(new URL(page.url()).searchParams.get('point')).toBeNull()
    await expect(metrics.drillRows.first()).toBeVisible({ timeout: 30_000 })
    const diff = metrics.diff
    await expect(diff.getByTestId('diff-row').first()).toBeVisible({ timeout: 60_000 })
    // the error started in stock-service: the comparison names it
    await expect(diff.getByText('stock-service').first()).toBeVisible()
    await page.screenshot({ path: testInfo.outputPath('metrics-range-diff.png'), fullPage: true })
    const filterButton = diff.getByRole('button', { name: 'Filter' }).first()
    if (await filterButton.count()) {
      await filterButton.click()
      await expect(page).toHaveURL(/filter=/)
      await expect(page.getByRole('list', { name: 'Active filters' })).toBeVisible()
    }
  })

  test("a quiet service's error rate is drawn against at least 1 %, and another service's deploy says whose it is", async ({ page }, testInfo) => {
    test.setTimeout(120_000)
    const metrics = await MetricsPage.open(page, 'service=user-service')
    await metrics.waitForChart(ERROR_CHART)
    // user-service fails on about 0.2 % of calls: the axis does not stretch that over the chart's height
    const top = await metrics.axisTop(ERROR_CHART)
    expect(top).toBeGreaterThanOrEqual(0.01)
    const markers = await metrics.changeMarkers(ERROR_CHART)
    const stock = markers.find((m) => m.name.includes('stock-service'))
    expect(stock?.name).toBe('deploy of stock-service v2.14.0')
    expect(stock?.type).toBe('dotted')
    await expect(page.getByText(/dotted grey: another service's/)).toBeVisible()
    await page.screenshot({ path: testInfo.outputPath('metrics-quiet-service.png') })

    // on stock-service's own chart the same deploy is its own: a solid line, named as before
    const own = await MetricsPage.open(page, 'service=stock-service')
    await own.waitForChart(ERROR_CHART)
    const ownMarkers = await own.changeMarkers(ERROR_CHART)
    expect(ownMarkers.find((m) => m.name.includes('v2.14.0'))).toMatchObject({ name: 'deploy: stock-service v2.14.0', type: 'solid' })
    // stock-service's error rate is far above 1 %: the axis follows the data
    expect(await own.axisTop(ERROR_CHART)).toBeGreaterThan(0.05)
  })

  test('dark theme renders the same view', async ({ page }, testInfo) => {
    test.setTimeout(120_000)
    await page.addInitScript(() => localStorage.setItem('tracelens.theme', 'dark'))
    const metrics = await MetricsPage.open(page, 'service=api-gateway')
    await metrics.waitForChart(ERROR_CHART)
    await metrics.clickSpike(ERROR_CHART)
    await expect(metrics.drillRows.first()).toBeVisible()
    await page.screenshot({ path: testInfo.outputPath('metrics-dark.png'), fullPage: true })
  })
})
