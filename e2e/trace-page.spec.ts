import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
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
import { openConsole } from './support/app'

const gantt = (page: Page) => page.getByRole('treegrid', { name: 'Spans of this trace', exact: true })
const row = (page: Page, text: string | RegExp) => gantt(page).getByRole('row').filter({ hasText: text })

test.describe('trace page', () => {
  test('collapse, expand, select a span with its panic, and reload to the same span', async ({ page }, testInfo) => {
    await openConsole(page, `/traces/${INCIDENT_A_TRACE_ID}`)
    await expect(gantt(page)).toBeVisible()
    const bff = row(page, 'PlaceOrder').first()
    await expect(bff).toHaveAttribute('aria-expanded', 'true')
    await bff.getByRole('button', { name: 'Collapse' }).click()
    await expect(bff).toHaveAttribute('aria-expanded', 'false')
    await expect(bff).toContainText(/stock-service · \d+ errors? below/)
    await expect(row(page, 'ReserveStock')).toHaveCount(0)
    await bff.getByRole('button', { name: 'Expand' }).click()
    const stock = row(page, 'ReserveStock').filter({ has: page.locator('.tp-svc', { hasText: /^stock-service$/ }) }).first()
    await stock.click()
    await expect(stock).toHaveAttribute('aria-selected', 'true')
    const detail = page.getByRole('complementary', { name: 'Span detail' })
    await expect(detail.getByText('panic', { exact: true })).toBeVisible()
    await expect(page).toHaveURL(/span=/)
    await page.screenshot({ path: testInfo.outputPath('trace-light.png') })
    const url = page.url()
    await page.reload()
    expect(page.url()).toBe(url)
    await expect(gantt(page).locator('[aria-selected="true"]')).toContainText('ReserveStock')
    await expect(page.getByRole('complementary', { name: 'Span detail' }).getByText('panic', { exact: true })).toBeVisible()
  })

  test('dark theme, keyboard navigation and statistics', async ({ page }, testInfo) => {
    await page.addInitScript(() => localStorage.setItem('tracelens.theme', 'dark'))
    await openConsole(page, `/traces/${INCIDENT_A_TRACE_ID}?stats=1&cp=1`)
    await expect(gantt(page)).toBeVisible()
    await gantt(page).focus()
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowDown')
    await expect(gantt(page).locator('[aria-selected="true"]')).toHaveCount(1)
    await page.keyboard.press('e')
    await expect(gantt(page).locator('[aria-selected="true"]')).toContainText(/!|✖|↑|⇄/)
    await page.keyboard.press('/')
    await expect(page.getByRole('searchbox')).toBeFocused()
    await expect(page.getByRole('region', { name: 'Trace statistics' })).toBeVisible()
    await page.screenshot({ path: testInfo.outputPath('trace-dark.png') })
  })

  test('zoom by dragging the ruler or the minimap window, reset, and highlight an error chain', async ({ page }, testInfo) => {
    await openConsole(page, `/traces/${INCIDENT_A_TRACE_ID}`)
    const ruler = page.getByTestId('ruler')
    const box = await ruler.boundingBox()
    if (!box) throw new Error('no ruler')
    await page.mouse.move(box.x + box.width * 0.25, box.y + box.height / 2)
    await page.mouse.down()
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2, { steps: 5 })
    await page.mouse.up()
    await expect(page).toHaveURL(/zoom=0\.2\d*-0\.5/)
    const win = page.getByRole('slider', { name: /Zoom window/ })
    await win.focus()
    await page.keyboard.press('ArrowRight')
    await expect(page).toHaveURL(/zoom=0\.2[5-9]/)
    // Page Down: ten steps (a tenth of the window each) at once: the window moves by its own width
    const zoomOf = (u: string) => (new URL(u).searchParams.get('zoom') ?? '0-1').split('-').map(Number)
    const before = zoomOf(page.url())
    await page.keyboard.press('PageDown')
    await expect.poll(() => zoomOf(page.url())[0]).toBeGreaterThan(before[0] + 0.05)
    const after = zoomOf(page.url())
    expect(after[0]).toBeCloseTo(before[1], 2)
    expect(after[1] - after[0]).toBeCloseTo(before[1] - before[0], 2)
    await page.getByRole('button', { name: 'Reset zoom' }).click()
    await expect(page).not.toHaveURL(/zoom=/)

    const chains = page.getByTestId('chain-diagram')
    await expect(chains).toContainText('stock-service')
    await chains.getByRole('link', { name: 'Highlight' }).first().click()
    await expect(page).toHaveURL(/chain=/)
    await expect(gantt(page).locator('.is-chain').first()).toBeVisible()
    await expect(page.getByRole('complementary', { name: 'Span detail' })).toContainText('Error started here')
    await page.screenshot({ path: testInfo.outputPath('chain.png') })
  })

  test('filter by several services from the keyboard: kept in the URL, the rest hidden behind summary rows', async ({ page }, testInfo) => {
    await openConsole(page, `/traces/${INCIDENT_A_TRACE_ID}`)
    await expect(gantt(page)).toBeVisible()
    const button = page.getByRole('button', { name: /^Services:/ })
    await expect(button).toHaveText(/All services/)
    await button.focus()
    await page.keyboard.press('Enter')
    const list = page.getByRole('group', { name: 'Show spans of these services' })
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

    const svc = (name: string) => gantt(page).locator('.tp-svc', { hasText: new RegExp(`^${name}$`) })
    await expect(svc('session-service').first()).toBeVisible()
    await expect(svc('cart-service').first()).toBeVisible()
    await expect(svc('pricing-service')).toHaveCount(0)
    await expect(row(page, /spans? hidden/).first()).toBeVisible()
    await expect(row(page, /spans? hidden/).filter({ hasText: /with errors?/ }).first()).toBeVisible()

    await page.reload()
    await expect(svc('cart-service').first()).toBeVisible()
    await expect(svc('pricing-service')).toHaveCount(0)
    await page.getByRole('button', { name: /^Services:/ }).click()
    await page.getByRole('button', { name: 'Show all' }).click()
    await expect(page).not.toHaveURL(/svc=/)
    await expect(svc('pricing-service').first()).toBeVisible()
  })

  test('a PostTrace capture names its trigger, marks where calls are missing and says what time is unaccounted for', async ({ page }, testInfo) => {
    await openConsole(page, `/traces/${POSTTRACE_TRACE_ID}?stats=1`)
    const note = page.getByTestId('posttrace-note')
    await expect(note).toContainText('when stock-service ReserveStock failed (error trigger)')
    await expect(row(page, 'PostTrace trigger')).toHaveCount(1)
    // the gaps sit under the spans that were running before the panic, not under one parent at the wrong time
    const gaps = row(page, 'Calls before the trigger not captured')
    for (const service of ['api-gateway', 'checkout-bff', 'order-service']) await expect(gaps.filter({ hasText: `(${service})` })).toHaveCount(1)
    await expect(page.getByTestId('stats-unaccounted')).toContainText('is unaccounted for')
    await row(page, 'CreateOrder').filter({ has: page.locator('.tp-svc', { hasText: /^order-service$/ }) }).first().click()
    await expect(page.getByTestId('span-detail')).toContainText(/Self time\s*unknown: [\d.]+ µs|Self time\s*unknown: [\d.]+ ms/)
    await page.screenshot({ path: testInfo.outputPath('posttrace.png') })

    await openConsole(page, `/traces/${POSTTRACE_LATENCY_TRACE_ID}`)
    await expect(note).toContainText(/when order-service's call to mysql-orders INSERT orders took [\d.]+ ms, over its operation's threshold of [\d.]+ ms \(latency trigger\)/)
    await expect(row(page, 'PostTrace trigger')).toContainText('INSERT orders')

    await openConsole(page, `/traces/${POSTTRACE_ASYNC_TRACE_ID}`)
    await expect(note).toContainText("The request’s root was not captured")
    await expect(note).toContainText('when invoice-service consume order.created failed (error trigger)')
  })

  test('the critical path of a parallel fan-out takes only its slowest call', async ({ page }) => {
    await openConsole(page, `/traces/${FANOUT_TRACE_ID}?cp=1`)
    const page_ = row(page, 'GetProductPage').filter({ has: page.locator('.tp-svc', { hasText: /^web-bff$/ }) }).first()
    await expect(page_).toHaveClass(/is-critical/)
    const parts = gantt(page).getByRole('row').filter({ hasText: /product-service\/GetProduct|pricing-service\/GetPrice|recommendation-service\/Recommend|review-service\/ListReviews/ })
    const count = await parts.count()
    expect(count).toBeGreaterThanOrEqual(3)
    let critical = 0
    for (let i = 0; i < count; i++) if (/is-critical/.test((await parts.nth(i).getAttribute('class')) ?? '')) critical++
    expect(critical).toBe(1)
    // the failed session call and its retry, one after the other
    await expect(row(page, 'session-service/GetSession')).toHaveCount(2)
  })

  test('damaged traces show their warnings', async ({ page }, testInfo) => {
    await openConsole(page, `/traces/${SKEWED_TRACE_ID}`)
    await expect(page.getByTestId('trace-warnings')).toContainText('Clock skew')
    await expect(row(page, /skew \+/).first()).toBeVisible()
    await page.getByRole('button', { name: 'More' }).click()
    await page.getByLabel('Raw timing (no skew correction)').click()
    await expect(page.getByTestId('trace-warnings')).toContainText('raw timing shown')
    await page.screenshot({ path: testInfo.outputPath('skew.png') })

    await openConsole(page, `/traces/${ORPHAN_TRACE_ID}`)
    await expect(page.getByTestId('trace-warnings')).toContainText('not in the trace')
    await expect(row(page, /Missing parent/)).toHaveCount(1)

    await openConsole(page, `/traces/${DUPLICATE_SPAN_TRACE_ID}`)
    await expect(page.getByTestId('trace-warnings')).toContainText('used more than once')
    await page.getByRole('searchbox').fill('ReserveStock')
    await page.getByRole('button', { name: 'More' }).click()
    await page.getByLabel(/Hide others/).click()
    await expect(page.getByLabel(/Hide others/)).toBeChecked()
    await expect(row(page, 'duplicate id')).toHaveCount(1)
    await expect(gantt(page).getByRole('row').filter({ hasText: /spans? hidden/ }).first()).toBeVisible()
  })

  test('a 100,000-span trace opens and scrolls with rows present', async ({ page }, testInfo) => {
    test.setTimeout(120_000)
    await openConsole(page, `/traces/${bigTraceId(100_000)}`)
    // while it streams in, the page shows the first rows and says how much has arrived
    const arriving = page.getByRole('treegrid', { name: 'First spans of this trace, still arriving' })
    await expect(arriving.getByRole('row').nth(20)).toBeVisible({ timeout: 30_000 })
    await expect(page.getByRole('status').getByText(/Receiving the trace: [\d,]+ of 100,000 spans/)).toBeVisible()
    const keys = (rows: Element[]) => rows.slice(0, 20).map((r) => `${r.getAttribute('aria-level')} ${r.getAttribute('data-node-key')}`)
    const early = await arriving.getByRole('row').evaluateAll(keys)
    await expect(gantt(page).getByRole('row').first()).toBeVisible({ timeout: 60_000 })
    // and they are the rows the whole trace opens with: nothing moved
    expect(await gantt(page).getByRole('row').evaluateAll(keys)).toEqual(early)
    await expect(page.locator('dt', { hasText: /^Spans$/ }).locator('xpath=following-sibling::dd[1]')).toHaveText('100,000')
    const rendered = await gantt(page).getByRole('row').count()
    expect(rendered).toBeLessThan(120)
    for (let i = 1; i <= 6; i++) {
      await gantt(page).evaluate((el, y) => el.scrollTo(0, y), i * 300_000)
      const rows = gantt(page).getByRole('row')
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
    await openConsole(page, `/traces/${HOSTILE_TRACE_ID}`)
    await expect(gantt(page)).toBeVisible()
    await expect(gantt(page).getByText(/<img src=x onerror=/).first()).toBeVisible()
    await gantt(page).getByRole('row').first().click()
    const detail = page.getByRole('complementary', { name: 'Span detail' })
    await expect(detail.getByRole('button', { name: /show more/ }).first()).toBeVisible()
    const box = await detail.boundingBox()
    expect(box?.width ?? 0).toBeLessThan(500)
    expect(await page.evaluate(() => document.querySelectorAll('.tp-page img, .tp-page script').length)).toBe(0)
    expect(dialogs).toEqual([])
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined()
    await page.screenshot({ path: testInfo.outputPath('hostile.png') })
  })
})
