import { expect, test } from '@playwright/test'
import {
  bigTraceId,
  DUPLICATE_SPAN_TRACE_ID,
  FANOUT_TRACE_ID,
  HOSTILE_TRACE_ID,
  INCIDENT_A_TRACE_ID,
  ORPHAN_TRACE_ID,
  POSTTRACE_ASYNC_TRACE_ID,
  POSTTRACE_LATENCY_TRACE_ID,
  POSTTRACE_TRACE_ID,
  SKEWED_TRACE_ID,
} from '../mocks/synthetic/catalogue'
import { TracePage } from './pages/trace-page'

test.describe('trace page', () => {
  test('collapse, expand, select a span with its panic, and reload to the same span', async ({ page }, testInfo) => {
    const trace = await TracePage.open(page, INCIDENT_A_TRACE_ID)
    await expect(trace.gantt).toBeVisible()
    const bff = trace.rows('PlaceOrder').first()
    await expect(bff).toHaveAttribute('aria-expanded', 'true')
    await trace.collapse(bff)
    await expect(bff).toHaveAttribute('aria-expanded', 'false')
    await expect(bff).toContainText(/stock-service · \d+ errors? below/)
    await expect(trace.rows('ReserveStock')).toHaveCount(0)
    await trace.expand(bff)
    const stock = trace.span('stock-service', 'ReserveStock')
    await stock.click()
    await expect(stock).toHaveAttribute('aria-selected', 'true')
    await expect(trace.spanDetail.getByText('panic', { exact: true })).toBeVisible()
    await expect(page).toHaveURL(/span=/)
    await page.screenshot({ path: testInfo.outputPath('trace-light.png') })
    const url = page.url()
    await page.reload()
    expect(page.url()).toBe(url)
    await expect(trace.selectedRow).toContainText('ReserveStock')
    await expect(trace.spanDetail.getByText('panic', { exact: true })).toBeVisible()
  })

  test('dark theme, keyboard navigation and statistics', async ({ page }, testInfo) => {
    await page.addInitScript(() => localStorage.setItem('tracelens.theme', 'dark'))
    const trace = await TracePage.open(page, INCIDENT_A_TRACE_ID, '?stats=1&cp=1')
    await expect(trace.gantt).toBeVisible()
    await trace.gantt.focus()
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowDown')
    await expect(trace.selectedRow).toHaveCount(1)
    await page.keyboard.press('e')
    await expect(trace.selectedRow).toContainText(/!|✖|↑|⇄/)
    await page.keyboard.press('/')
    await expect(trace.searchBox).toBeFocused()
    await expect(page.getByRole('region', { name: 'Trace statistics' })).toBeVisible()
    await page.screenshot({ path: testInfo.outputPath('trace-dark.png') })
  })

  test('zoom by dragging the ruler or the minimap window, reset, and highlight an error chain', async ({ page }, testInfo) => {
    const trace = await TracePage.open(page, INCIDENT_A_TRACE_ID)
    await trace.dragRuler(0.25, 0.5)
    await expect(page).toHaveURL(/zoom=0\.2\d*-0\.5/)
    await trace.zoomWindow.focus()
    await page.keyboard.press('ArrowRight')
    // a tenth of the window to the right (the drag's window starts at 0.25 or a little after)
    await expect.poll(() => trace.zoom()[0]).toBeGreaterThan(0.26)
    // Page Down: ten steps (a tenth of the window each) at once: the window moves by its own width
    const before = trace.zoom()
    await page.keyboard.press('PageDown')
    await expect.poll(() => trace.zoom()[0]).toBeGreaterThan(before[0] + 0.05)
    const after = trace.zoom()
    expect(after[0]).toBeCloseTo(before[1], 2)
    expect(after[1] - after[0]).toBeCloseTo(before[1] - before[0], 2)
    await page.getByRole('button', { name: 'Reset zoom' }).click()
    await expect(page).not.toHaveURL(/zoom=/)

    await expect(trace.chainDiagram).toContainText('stock-service')
    await trace.chainDiagram.getByRole('link', { name: 'Highlight' }).first().click()
    await expect(page).toHaveURL(/chain=/)
    await expect(trace.gantt.locator('.is-chain').first()).toBeVisible()
    await expect(trace.spanDetail).toContainText('Error started here')
    await page.screenshot({ path: testInfo.outputPath('chain.png') })
  })

  test('the minimap at full view: a drag anywhere draws a window, a click beside the window moves it there, a drag inside pans it', async ({ page }, testInfo) => {
    const trace = await TracePage.open(page, INCIDENT_A_TRACE_ID)
    await expect(trace.gantt).toBeVisible()
    expect(trace.zoom()).toEqual([0, 1])
    // at full view the window covers the whole minimap: a drag in its middle selects that stretch
    await trace.dragMinimap(0.3, 0.6)
    await expect(page).toHaveURL(/zoom=/)
    const drawn = trace.zoom()
    expect(drawn[0]).toBeCloseTo(0.3, 1)
    expect(drawn[1]).toBeCloseTo(0.6, 1)
    await page.screenshot({ path: testInfo.outputPath('minimap-window.png') })
    // a click to the right of the window moves it there, its width kept
    await trace.dragMinimap(0.85, 0.85)
    await expect.poll(() => trace.zoom()[0]).toBeGreaterThan(0.6)
    const moved = trace.zoom()
    expect(moved[1] - moved[0]).toBeCloseTo(drawn[1] - drawn[0], 2)
    expect((moved[0] + moved[1]) / 2).toBeCloseTo(0.85, 1)
    // a drag inside the window pans it
    await trace.dragMinimap(0.85, 0.55)
    await expect.poll(() => trace.zoom()[0]).toBeLessThan(moved[0] - 0.2)
    expect(trace.zoom()[1] - trace.zoom()[0]).toBeCloseTo(drawn[1] - drawn[0], 2)
  })

  test('filter by several services from the keyboard: kept in the URL, the rest hidden behind summary rows', async ({ page }, testInfo) => {
    const trace = await TracePage.open(page, INCIDENT_A_TRACE_ID)
    await expect(trace.gantt).toBeVisible()
    const button = trace.servicesButton
    await expect(button).toHaveText(/All services/)
    await button.focus()
    await page.keyboard.press('Enter')
    const list = trace.servicesList
    await expect(list).toBeVisible()
    await page.keyboard.press('Tab')
    await expect(list.getByRole('checkbox').first()).toBeFocused()
    for (const name of ['session-service', 'cart-service']) {
      await list.getByRole('checkbox', { name }).focus()
      await page.keyboard.press('Space')
      await expect(list.getByRole('checkbox', { name })).toBeChecked()
    }
    await expect(page).toHaveURL(/svc=cart-service&svc=session-service/)
    await page.screenshot({ path: testInfo.outputPath('services-open.png') })
    await page.keyboard.press('Escape')
    await expect(list).toBeHidden()
    await expect(button).toBeFocused()
    await expect(button).toHaveText(/2 of \d+ services/)

    const svc = (name: string) => trace.serviceCells(name)
    await expect(svc('session-service').first()).toBeVisible()
    await expect(svc('cart-service').first()).toBeVisible()
    await expect(svc('pricing-service')).toHaveCount(0)
    await expect(trace.rows(/spans? hidden/).first()).toBeVisible()
    await expect(trace.rows(/spans? hidden/).filter({ hasText: /with errors?/ }).first()).toBeVisible()

    await page.reload()
    await expect(svc('cart-service').first()).toBeVisible()
    await expect(svc('pricing-service')).toHaveCount(0)
    await trace.servicesButton.click()
    await page.getByRole('button', { name: 'Show all' }).click()
    await expect(page).not.toHaveURL(/svc=/)
    await expect(svc('pricing-service').first()).toBeVisible()
  })

  test('a PostTrace capture names its trigger, marks where calls are missing and says what time is unaccounted for', async ({ page }, testInfo) => {
    const trace = await TracePage.open(page, POSTTRACE_TRACE_ID, '?stats=1')
    const note = trace.postTraceNote
    await expect(note).toContainText('when stock-service ReserveStock failed (error trigger)')
    await expect(trace.rows('PostTrace trigger')).toHaveCount(1)
    // the gaps sit under the spans that were running before the panic, not under one parent at the wrong time
    const gaps = trace.rows('Calls before the trigger not captured')
    for (const service of ['api-gateway', 'checkout-bff', 'order-service']) await expect(gaps.filter({ hasText: `(${service})` })).toHaveCount(1)
    await expect(page.getByTestId('stats-unaccounted')).toContainText('is unaccounted for')
    await trace.span('order-service', 'CreateOrder').click()
    await expect(page.getByTestId('span-detail')).toContainText(/Self time\s*unknown: [\d.]+ µs|Self time\s*unknown: [\d.]+ ms/)
    await page.screenshot({ path: testInfo.outputPath('posttrace.png') })

    await TracePage.open(page, POSTTRACE_LATENCY_TRACE_ID)
    await expect(note).toContainText(/when order-service's call to mysql-orders INSERT orders took [\d.]+ ms, over its operation's threshold of [\d.]+ ms \(latency trigger\)/)
    await expect(trace.rows('PostTrace trigger')).toContainText('INSERT orders')

    await TracePage.open(page, POSTTRACE_ASYNC_TRACE_ID)
    await expect(note).toContainText("The request’s root was not captured")
    await expect(note).toContainText('when invoice-service consume order.created failed (error trigger)')
  })

  test('the critical path of a parallel fan-out takes only its slowest call', async ({ page }) => {
    const trace = await TracePage.open(page, FANOUT_TRACE_ID, '?cp=1')
    await expect(trace.span('web-bff', 'GetProductPage')).toHaveClass(/is-critical/)
    const parts = trace.gantt.getByRole('row').filter({ hasText: /product-service\/GetProduct|pricing-service\/GetPrice|recommendation-service\/Recommend|review-service\/ListReviews/ })
    const count = await parts.count()
    expect(count).toBeGreaterThanOrEqual(3)
    let critical = 0
    for (let i = 0; i < count; i++) if (/is-critical/.test((await parts.nth(i).getAttribute('class')) ?? '')) critical++
    expect(critical).toBe(1)
    // the failed session call and its retry, one after the other
    await expect(trace.rows('session-service/GetSession')).toHaveCount(2)
  })

  test('damaged traces show their warnings', async ({ page }, testInfo) => {
    const trace = await TracePage.open(page, SKEWED_TRACE_ID)
    await expect(trace.warnings).toContainText('Clock skew')
    await expect(trace.rows(/skew \+/).first()).toBeVisible()
    await trace.chooseMore('Raw timing (no skew correction)')
    await expect(trace.warnings).toContainText('raw timing shown')
    await page.screenshot({ path: testInfo.outputPath('skew.png') })

    await TracePage.open(page, ORPHAN_TRACE_ID)
    await expect(trace.warnings).toContainText('not in the trace')
    await expect(trace.rows(/Missing parent/)).toHaveCount(1)

    await TracePage.open(page, DUPLICATE_SPAN_TRACE_ID)
    await expect(trace.warnings).toContainText('used more than once')
    await trace.searchBox.fill('ReserveStock')
    await trace.chooseMore(/Hide others/)
    await expect(page.getByLabel(/Hide others/)).toBeChecked()
    await expect(trace.rows('duplicate id')).toHaveCount(1)
    await expect(trace.rows(/spans? hidden/).first()).toBeVisible()
  })

  test('a 100,000-span trace opens and scrolls with rows present', async ({ page }, testInfo) => {
    test.setTimeout(120_000)
    const trace = await TracePage.open(page, bigTraceId(100_000))
    // while it streams in, the page shows the first rows and says how much has arrived
    const arriving = trace.arriving
    await expect(arriving.getByRole('row').nth(20)).toBeVisible({ timeout: 30_000 })
    await expect(page.getByRole('status').getByText(/Receiving the trace: [\d,]+ of 100,000 spans/)).toBeVisible()
    // each row with its service's colour: the colours must not change when the whole trace is in
    const keys = (rows: Element[]) =>
      rows.slice(0, 20).map((r) => `${r.getAttribute('aria-level')} ${r.getAttribute('data-node-key')} ${getComputedStyle(r.querySelector('.service-swatch') ?? r).backgroundColor}`)
    const early = await arriving.getByRole('row').evaluateAll(keys)
    await expect(trace.gantt.getByRole('row').first()).toBeVisible({ timeout: 60_000 })
    // and they are the rows the whole trace opens with, in the same colours: nothing moved
    expect(await trace.gantt.getByRole('row').evaluateAll(keys)).toEqual(early)
    await expect(trace.spanCount).toHaveText('100,000')
    const rendered = await trace.gantt.getByRole('row').count()
    expect(rendered).toBeLessThan(120)
    for (let i = 1; i <= 6; i++) {
      await trace.gantt.evaluate((el, y) => el.scrollTo(0, y), i * 300_000)
      const rows = trace.gantt.getByRole('row')
      await expect(rows.first()).toBeVisible()
      // the virtualizer renders the rows of the new offset on its next frame
      await expect
        .poll(async () => Number(await rows.first().getAttribute('aria-rowindex')))
        .toBeGreaterThan(i * 300_000 / 24 - 60)
      await expect(rows.first().locator('.tp-svc')).not.toHaveText('')
    }
    await page.screenshot({ path: testInfo.outputPath('big.png') })
  })

  test('hostile strings are inert, folded text', async ({ page }, testInfo) => {
    const dialogs: string[] = []
    page.on('dialog', (d) => {
      dialogs.push(d.message())
      void d.dismiss()
    })
    const trace = await TracePage.open(page, HOSTILE_TRACE_ID)
    await expect(trace.gantt).toBeVisible()
    await expect(trace.gantt.getByText(/<img src=x onerror=/).first()).toBeVisible()
    await trace.gantt.getByRole('row').first().click()
    const detail = trace.spanDetail
    await expect(detail.getByRole('button', { name: /show more/ }).first()).toBeVisible()
    const box = await detail.boundingBox()
    expect(box?.width ?? 0).toBeLessThan(500)
    expect(await page.evaluate(() => document.querySelectorAll('.tp-page img, .tp-page script').length)).toBe(0)
    expect(dialogs).toEqual([])
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined()
    await page.screenshot({ path: testInfo.outputPath('hostile.png') })
  })
})
