import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { openConsole, PINNED_NOW } from './support/app'
import { readHooks, waitForHooks } from './support/hooks'


const ERROR_CHART = 'metric-chart-error_rate'

/** Waits until a chart is registered and draws a line with data. */
async function waitForChart(page: Page, testId: string) {
  await expect(page.getByTestId(testId)).toBeVisible({ timeout: 60_000 })
  await waitForHooks(page, (h, id) => {
    const c = h.charts?.get(id)
    return !!c?.getOption().series?.some((s) => s.type === 'line' && (s.data?.length ?? 0) > 0)
  }, testId, { timeout: 60_000 })
}

/**
 * The pixel of the highest point of the chart's main line (the spike), relative to the chart element.
 * Polls: right after an option update the chart has no coordinates until its next frame.
 */
async function spikePixel(page: Page, testId: string) {
  return waitForHooks(page, (h, id) => {
    const chart = h.charts?.get(id)
    const line = chart?.getOption().series?.find((s) => s.type === 'line' && !String(s.id).startsWith('yesterday') && (s.data?.length ?? 0) > 0)
    if (!chart || !line) return false
    let best: [number, number] = [0, -1]
    for (const p of line.data as [number, number | null][]) if (p[1] !== null && p[1] > best[1]) best = [p[0], p[1]]
    const px: unknown = chart.convertToPixel({ seriesId: line.id }, best)
    if (!Array.isArray(px)) return false
    const [x, y] = px as [number, number]
    return { x, y, time: best[0], value: best[1] }
  }, testId, { timeout: 30_000 })
}

/** Index, among the points with a value, of the highest point of the chart's main line, and how many there are. */
async function spikeIndex(page: Page, testId: string) {
  return readHooks(page, (h, id) => {
    const line = h.charts?.get(id)?.getOption().series?.find((s) => s.type === 'line' && !String(s.id).startsWith('yesterday') && (s.data?.length ?? 0) > 0)
    if (!line) throw new Error('no line drawn')
    const valued = (line.data as [number, number | null][]).filter((p) => p[1] !== null)
    let best = 0
    valued.forEach((p, i) => {
      if ((p[1] ?? 0) > (valued[best]?.[1] ?? 0)) best = i
    })
    return { index: best, count: valued.length, time: valued[best]?.[0] ?? 0 }
  }, testId)
}

test.describe('metrics', () => {
  test('keyboard only: arrows to the error spike, Enter lists its error traces, Escape returns; a range; an exemplar opens its trace', async ({ page }, testInfo) => {
    test.setTimeout(180_000)
    await openConsole(page, '/metrics?service=api-gateway')
    await waitForChart(page, ERROR_CHART)
    const card = page.getByRole('region', { name: 'Error rate' })
    const chart = card.getByRole('application', { name: /Error rate of api-gateway/ })
    // reach the chart with Tab from the control before it
    await card.getByRole('button', { name: 'Traces at the peak' }).focus()
    await page.keyboard.press('Tab')
    await expect(chart).toBeFocused()
    const keys = card.getByTestId('chart-keys')
    await expect(keys).toContainText('Enter traces')
    const spike = await spikeIndex(page, ERROR_CHART)
    await page.keyboard.press('End')
    for (let i = spike.count - 1; i > spike.index; i--) await page.keyboard.press('ArrowLeft')
    await expect(keys).toContainText(/Error rate \d.*Enter lists its traces/)
    await page.screenshot({ path: testInfo.outputPath('metrics-keyboard-cursor.png') })
    await page.keyboard.press('Enter')

    await expect(page).toHaveURL(/chart=error_rate/)
    expect(new URL(page.url()).searchParams.get('sel')?.split('-')[0]).toBe(String(spike.time))
    expect(new URL(page.url()).searchParams.get('point')).toBe('1')
    const drill = page.getByTestId('metrics-drill')
    await expect(drill.getByRole('heading', { name: 'Traces behind this point' })).toBeFocused()
    await expect(drill.getByTestId('drill-condition')).toHaveText('traces with a failed span of api-gateway')
    const rows = drill.getByTestId('drill-row')
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
    const sel = (new URL(page.url()).searchParams.get('sel') ?? '').split('-').map(Number)
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
    const latencyKeys = page.getByRole('region', { name: /Latency/ }).getByTestId('chart-keys')
    await expect(latencyKeys).toContainText(/Exemplar \d+ of \d+: .* Enter opens the trace/)
    await page.screenshot({ path: testInfo.outputPath('metrics-keyboard-exemplar.png') })
    await page.keyboard.press('Enter')
    await expect(page).toHaveURL(/\/traces\/[^/?]+/, { timeout: 20_000 })
  })

  test('exemplars are listed as links to their traces', async ({ page }) => {
    test.setTimeout(120_000)
    await openConsole(page, '/metrics?service=api-gateway')
    await waitForChart(page, 'metric-chart-latency')
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
    await openConsole(page, '/metrics')
    await expect(page).toHaveURL(/service=api-gateway/, { timeout: 60_000 })
    await waitForChart(page, ERROR_CHART)
    await page.screenshot({ path: testInfo.outputPath('metrics-landing.png'), fullPage: true })

    const spike = await spikePixel(page, ERROR_CHART)
    expect(spike.value).toBeGreaterThan(0.02)
    await page.getByTestId(ERROR_CHART).click({ position: { x: spike.x, y: spike.y } })

    await expect(page).toHaveURL(/chart=error_rate/)
    await expect(page).toHaveURL(/sel=\d+-\d+/)
    const sel = new URL(page.url()).searchParams.get('sel') ?? ''
    const [selFrom, selTo] = sel.split('-').map(Number)
    expect(selFrom).toBe(spike.time)

    const drill = page.getByTestId('metrics-drill')
    await expect(drill.getByTestId('drill-condition')).toHaveText('traces with a failed span of api-gateway')
    const rows = drill.getByTestId('drill-row')
    await expect(rows.first()).toBeVisible({ timeout: 20_000 })
    const count = await rows.count()
    for (let i = 0; i < count; i++) await expect(rows.nth(i).getByText('error', { exact: true })).toBeVisible()
    // every row started inside the selected step
    const starts = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-start-ms'))))
    for (const s of starts) {
      expect(s).toBeGreaterThanOrEqual((selFrom ?? 0) - 1000)
      expect(s).toBeLessThanOrEqual((selTo ?? 0) + 1000)
    }
    await expect(drill.getByTestId('metrics-diff')).toBeVisible()
    await page.screenshot({ path: testInfo.outputPath('metrics-drill.png'), fullPage: true })

    const before = page.url()
    // each row names the failed api-gateway span and opens the trace at it; a second link goes to where the error started
    await expect(rows.first().getByTestId('drill-origin')).toBeVisible()
    expect(await rows.first().getAttribute('data-span-id')).toBeTruthy()
    await rows.first().getByTestId('drill-origin').click()
    // one click from the spike to the failing call: the trace opens at the span where its error
    // started (stock-service ReserveStock), selected, with its panic in the detail
    await expect(page).toHaveURL(/\/traces\/[^/?]+\?(?:.*&)?span=[^&]+&chain=/, { timeout: 20_000 })
    await expect(page.getByRole('row', { name: /stock-service ReserveStock/ }).first()).toBeVisible({ timeout: 20_000 })
    const detail = page.getByRole('complementary', { name: 'Span detail' })
    await expect(detail).toContainText('stock-service')
    await expect(detail).toContainText('Error started here')
    await expect(detail.getByText('panic', { exact: true })).toBeVisible()
    await page.screenshot({ path: testInfo.outputPath('metrics-to-failing-span.png') })

    await page.goBack()
    expect(page.url()).toBe(before)
    await waitForChart(page, ERROR_CHART)
    await expect(page.getByTestId('metrics-drill')).toBeVisible()
    await expect(page.getByRole('region', { name: 'Error rate' })).toHaveClass(/metrics-card-selected/)
    const restored = await readHooks(page, (h, id) => {
      const markers = h.charts?.get(id)?.getOption().series?.find((s) => s.id === 'markers') as { markArea?: { data?: { xAxis?: number }[][] } } | undefined
      return markers?.markArea?.data?.map((a) => [a[0]?.xAxis, a[1]?.xAxis]) ?? []
    }, ERROR_CHART)
    expect(restored).toContainEqual([selFrom, selTo])

    // one step of a sampled store holds few traces: the panel offers the minute either side
    await page.getByTestId('metrics-drill').getByRole('button', { name: 'Widen to the minute either side' }).click()
    await expect(page.getByRole('heading', { name: 'Traces behind this range' })).toBeVisible()
    expect(new URL(page.url()).searchParams.get('sel')).toBe(`${(selFrom ?? 0) - 60_000}-${(selTo ?? 0) + 60_000}`)
    await expect.poll(() => page.getByTestId('metrics-drill').getByTestId('drill-row').count(), { timeout: 20_000 }).toBeGreaterThan(count)
  })

  test('the reverse link from a span shows its series with the time marked', async ({ page }, testInfo) => {
    test.setTimeout(120_000)
    const at = Date.parse(PINNED_NOW) - 10 * 60_000
    await openConsole(page, `/metrics?service=stock-service&operation=ReserveStock&at=${at}`)
    await expect(page.getByRole('heading', { level: 1 })).toContainText('stock-service', { timeout: 60_000 })
    await expect(page.getByRole('heading', { level: 1 })).toContainText('ReserveStock')
    await expect(page.getByTestId('metrics-at-marker')).toBeVisible()
    await waitForChart(page, ERROR_CHART)
    const marked = await readHooks(page, (h, id) => {
      const markers = h.charts?.get(id)?.getOption().series?.find((s) => s.id === 'markers')
      return markers?.markLine?.data?.map((d) => d.xAxis) ?? []
    }, ERROR_CHART)
    expect(marked).toContain(at)
    await page.screenshot({ path: testInfo.outputPath('metrics-reverse-link.png'), fullPage: true })
  })

  test('a brushed range lists its traces and explains what is different; a value becomes a filter', async ({ page }, testInfo) => {
    test.setTimeout(180_000)
    const now = Date.parse(PINNED_NOW)
    await openConsole(page, '/metrics?service=api-gateway')
    await waitForChart(page, ERROR_CHART)
    const [a, b] = await readHooks(
      page,
      (h, { id, from, to }) => {
        const chart = h.charts?.get(id)
        if (!chart) throw new Error('no chart')
        return [chart.convertToPixel({ xAxisIndex: 0, yAxisIndex: 0 }, [from, 0.001]), chart.convertToPixel({ xAxisIndex: 0, yAxisIndex: 0 }, [to, 0.001])]
      },
      { id: ERROR_CHART, from: now - 17 * 60_000, to: now - 2 * 60_000 },
    )
    const box = await page.getByTestId(ERROR_CHART).boundingBox()
    if (!box || !a || !b) throw new Error('chart not laid out')
    await page.mouse.move(box.x + a[0], box.y + a[1])
    await page.mouse.down()
    await page.mouse.move(box.x + (a[0] + b[0]) / 2, box.y + a[1], { steps: 5 })
    await page.mouse.move(box.x + b[0], box.y + a[1], { steps: 5 })
    await page.mouse.up()
    await expect(page).toHaveURL(/chart=error_rate/)
    expect(new URL(page.url()).searchParams.get('point')).toBeNull()
    const drill = page.getByTestId('metrics-drill')
    await expect(drill.getByTestId('drill-row').first()).toBeVisible({ timeout: 30_000 })
    const diff = drill.getByTestId('metrics-diff')
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

  test('dark theme renders the same view', async ({ page }, testInfo) => {
    test.setTimeout(120_000)
    await page.addInitScript(() => localStorage.setItem('tracelens.theme', 'dark'))
    await openConsole(page, '/metrics?service=api-gateway')
    await waitForChart(page, ERROR_CHART)
    const spike = await spikePixel(page, ERROR_CHART)
    await page.getByTestId(ERROR_CHART).click({ position: { x: spike.x, y: spike.y } })
    await expect(page.getByTestId('drill-row').first()).toBeVisible()
    await page.screenshot({ path: testInfo.outputPath('metrics-dark.png'), fullPage: true })
  })
})
