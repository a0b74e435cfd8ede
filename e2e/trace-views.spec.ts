import { fileURLToPath } from 'node:url'
import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { bigTraceId, INCIDENT_A_TRACE_ID } from '../mocks/synthetic/catalogue'
import { openConsole } from './support/app'
import { readHooks, waitForHooks } from './support/hooks'

const rgb = (css: string) => (css.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number)

const shots = process.env.SHOTS_DIR

async function shoot(page: Page, name: string) {
  if (!shots) return
  for (const [w, h] of [[1440, 900], [1280, 720]] as const) {
    await page.setViewportSize({ width: w, height: h })
    await page.waitForTimeout(300)
    await page.screenshot({ path: `${shots}/${name}-${w}x${h}.png` })
  }
}

for (const theme of ['light', 'dark'] as const) {
  test.describe(`trace views (${theme})`, () => {
    test.beforeEach(async ({ page }) => {
      await page.addInitScript((t) => localStorage.setItem('tracelens.theme', t), theme)
    })

    test('a failing trace → flame graph → zoom into the panicking frame → its span', async ({ page }) => {
      await openConsole(page, `/traces/${INCIDENT_A_TRACE_ID}`)
      await page.getByRole('tab', { name: 'Flame graph' }).click()
      await expect(page).toHaveURL(/view=flame/)
      const canvas = page.getByTestId('flame-canvas')
      await expect(canvas).toBeVisible()
      // the failed frame of stock-service's ReserveStock (drawn frames are exposed to tests)
      await waitForHooks(page, (h) => h.flame?.find((f) => f.label === 'stock-service ReserveStock' && f.errors > 0) ?? null)
      await shoot(page, `flame-${theme}`)
      await page.setViewportSize({ width: 1440, height: 900 })
      // the frame where the canvas draws it at this width (after a screenshot at another width, the
      // canvas is drawn again once it has been measured)
      const frame = () => waitForHooks(page, (h) => h.flame?.find((x) => x.label === 'stock-service ReserveStock' && x.errors > 0) ?? null)
      let g = await frame()
      for (let same = false; !same; ) {
        await page.waitForTimeout(150)
        const again = await frame()
        same = again.x === g.x && again.w === g.w && again.y === g.y
        g = again
      }
      await canvas.click({ position: { x: g.x + Math.min(g.w / 2, 20), y: g.y + 10 } })
      await expect(page).toHaveURL(/fzoom=/)
      await expect(page.getByRole('navigation', { name: 'Zoom path' }).locator('[aria-current="location"]')).toHaveText('stock-service ReserveStock')
      // the frame's failed span is selected: its detail shows the panic
      const detail = page.getByRole('complementary', { name: 'Span detail' })
      await expect(detail.getByText('panic', { exact: true })).toBeVisible()
      const spans = page.getByRole('region', { name: 'Spans of this frame' })
      await spans.getByRole('link', { name: 'Gantt at this span' }).first().click()
      await expect(page.getByRole('treegrid', { name: 'Spans of this trace', exact: true }).locator('[aria-selected="true"]')).toContainText('ReserveStock')
    })

    test('the per-trace graph of the 100,000-span trace aggregates to its services', async ({ page }) => {
      test.setTimeout(120_000)
      await openConsole(page, `/traces/${bigTraceId(100_000)}?view=graph`)
      await expect(page.getByTestId('tgraph-summary')).toContainText('from 100,000 spans', { timeout: 90_000 })
      // the trace was fed to the analysis worker while it arrived (the page did not pack and send it again)
      expect(await page.evaluate(() => performance.getEntriesByName('tracelens:analysis-fed').length)).toBe(1)
      const nodes = page.getByRole('table', { name: 'Nodes of the trace graph' }).getByRole('row')
      expect(await nodes.count()).toBeLessThan(12)
      await expect.poll(() => readHooks(page, (h) => h.graph?.nodes().length ?? 0)).toBeGreaterThan(2)
      await shoot(page, `graph-big-${theme}`)
    })
  })
}

test('the per-trace graph of a failing trace marks its error chain', async ({ page }) => {
  await openConsole(page, `/traces/${INCIDENT_A_TRACE_ID}?view=graph`)
  const calls = page.getByRole('table', { name: 'Calls of the trace graph' })
  await expect(calls.getByRole('row').nth(1)).toContainText('error chain')
  await expect.poll(() => readHooks(page, (h) => h.graph?.edges('.in-chain').length ?? 0)).toBeGreaterThan(0)
  // each node is filled with its service's colour (the swatch beside it in the table), not Cytoscape's grey
  const drawn = await readHooks(page, (h) => h.graph?.nodes().map((n) => [n.id(), n.style('background-color')] as const) ?? [])
  expect(drawn.length).toBeGreaterThan(2)
  for (const [id, fill] of drawn) {
    const row = page.getByRole('table', { name: 'Nodes of the trace graph' }).getByRole('row').filter({ hasText: id })
    const swatch = await row.first().locator('.service-swatch').evaluate((el) => getComputedStyle(el).backgroundColor)
    const [a, b] = [rgb(fill), rgb(swatch)]
    expect(a, `${id}: drawn ${fill}, swatch ${swatch}`).toHaveLength(3)
    a.forEach((v, i) => expect(Math.abs(v - b[i]), `${id}: drawn ${fill}, swatch ${swatch}`).toBeLessThanOrEqual(1))
    expect(new Set(a).size, `${id} is not grey`).toBeGreaterThan(1)
  }
  await shoot(page, 'graph-failing-light')
})

test('the timeline asks for none of the graph view’s code; choosing the service graph loads it and draws the trace’s services', async ({ page }) => {
  const scripts: string[] = []
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname)
  })
  await openConsole(page, `/traces/${INCIDENT_A_TRACE_ID}`)
  await expect(page.getByRole('treegrid', { name: 'Spans of this trace', exact: true }).getByRole('row').first()).toBeVisible()
  // the graph view's chunks (Cytoscape among them) are named after their first modules
  const graphCode = (p: string) => /\/assets\/(trace-graph-view|graph-view)-[^/]+\.js$/.test(p)
  expect(scripts.filter(graphCode)).toEqual([])
  await page.getByRole('tab', { name: 'Service graph' }).click()
  await expect(page.getByRole('table', { name: 'Calls of the trace graph' }).getByRole('row').nth(1)).toContainText('error chain')
  await expect.poll(() => readHooks(page, (h) => h.graph?.nodes().length ?? 0)).toBeGreaterThan(2)
  expect(scripts.filter(graphCode).length).toBeGreaterThan(0)
})

test('a big trace shown on the timeline is packed for the analysis worker once, when the page is idle; the flame graph then uses it', async ({ page }) => {
  await openConsole(page, `/traces/${bigTraceId(20_000)}`)
  await expect(page.locator('.tp-facts')).toContainText(/Spans\s*20,?000/)
  await expect.poll(() => page.evaluate(() => performance.getEntriesByName('tracelens:analysis-prepared').length), { timeout: 30_000 }).toBe(1)
  await page.getByRole('tab', { name: 'Flame graph' }).click()
  await waitForHooks(page, (h) => (h.flame && h.flame.length > 0 ? h.flame : null))
  expect(await page.evaluate(() => performance.getEntriesByName('tracelens:analysis-packed').length)).toBe(1)
})

test('the per-trace graph keeps every node and label in view when the window narrows, until the user moves it', async ({ page }) => {
  // 100,000 spans generated, read and laid out: 25 s alone here, over 60 s once on a busy CI machine
  test.setTimeout(180_000)
  await page.setViewportSize({ width: 1440, height: 900 })
  await openConsole(page, `/traces/${bigTraceId(100_000)}?view=graph`)
  await expect(page.getByTestId('tgraph-summary')).toContainText('from 100,000 spans', { timeout: 90_000 })
  // how far the drawing (labels included) reaches beyond the canvas, in px (0: all inside)
  const overflow = () =>
    readHooks(page, (h) => {
      const cy = h.graph
      if (!cy || cy.nodes().length === 0) return -1
      const bb = cy.nodes().renderedBoundingBox({ includeLabels: true })
      return Math.max(0, -bb.x1, -bb.y1, bb.x2 - cy.width(), bb.y2 - cy.height())
    })
  await expect.poll(overflow).toBe(0)
  const wide = await readHooks(page, (h) => h.graph?.width() ?? 0)
  await page.setViewportSize({ width: 1280, height: 720 })
  // once the graph has taken its narrower canvas
  await expect.poll(() => readHooks(page, (h) => h.graph?.width() ?? 0)).toBeLessThan(wide)
  await page.waitForTimeout(300)
  expect(await overflow()).toBe(0)
  // once the user has zoomed, the view is theirs: a resize leaves it where they put it
  const box = await page.locator('.tgraph-canvas').boundingBox()
  if (!box) throw new Error('no graph canvas')
  const framed = await readHooks(page, (h) => h.graph?.zoom() ?? 0)
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  await page.mouse.wheel(0, -300)
  await expect.poll(() => readHooks(page, (h) => h.graph?.zoom() ?? 0)).not.toBe(framed)
  await page.waitForTimeout(300)
  const zoomed = await readHooks(page, (h) => ({ zoom: h.graph?.zoom() ?? 0, pan: h.graph?.pan() ?? { x: 0, y: 0 } }))
  await page.setViewportSize({ width: 1440, height: 900 })
  await page.waitForTimeout(300)
  expect(await readHooks(page, (h) => ({ zoom: h.graph?.zoom() ?? 0, pan: h.graph?.pan() ?? { x: 0, y: 0 } }))).toEqual(zoomed)
})

test('tick two traces in the search results to compare them', async ({ page }) => {
  await openConsole(page, '/traces?service=api-gateway')
  const rows = page.getByRole('table', { name: 'Matching traces' }).getByTestId('trace-row')
  await expect(rows.nth(1)).toBeVisible({ timeout: 20_000 })
  const bar = page.getByTestId('compare-bar')
  await expect(bar).toContainText('Tick two traces')
  const ids: string[] = []
  for (const i of [0, 1]) {
    const box = rows.nth(i).getByRole('checkbox', { name: /^Compare / })
    ids.push(((await box.getAttribute('aria-label')) ?? '').split(' ').pop() ?? '')
    await box.check()
  }
  // ticking does not open the trace
  await expect(page).toHaveURL(/\/traces\?/)
  await bar.getByRole('link', { name: 'Compare these two traces' }).click()
  await expect(page).toHaveURL(/\/traces\/compare\?/)
  const url = new URL(page.url())
  expect(url.searchParams.get('a')?.startsWith(ids[0])).toBe(true)
  expect(url.searchParams.get('b')?.startsWith(ids[1])).toBe(true)
  await expect(page.getByRole('table', { name: 'Paths of both traces' }).getByTestId('cmp-row').first()).toBeVisible({ timeout: 20_000 })
  await expect(page.getByTestId('typical-note')).toHaveCount(0)
})

for (const theme of ['light', 'dark'] as const) {
  test(`compare a failing trace with a typical one: the failing path is on top, and how B was picked is said (${theme})`, async ({ page }) => {
    await page.addInitScript((t) => localStorage.setItem('tracelens.theme', t), theme)
    await openConsole(page, `/traces/${INCIDENT_A_TRACE_ID}`)
    await page.getByRole('button', { name: 'More' }).click()
    await page.getByRole('link', { name: 'Compare with a typical trace' }).click()
    await expect(page).toHaveURL(/\/traces\/compare\?.*b=/, { timeout: 20_000 })
    const url = new URL(page.url())
    expect(url.searchParams.get('a')).toBe(INCIDENT_A_TRACE_ID)
    expect(url.searchParams.get('b')).not.toBe(INCIDENT_A_TRACE_ID)
    const note = page.getByTestId('typical-note')
    await expect(note).toContainText(/of the \d+ successful traces? of api-gateway POST \/api\/checkout/)
    await expect(note).toContainText('nearest their median')
    // B succeeded
    await expect(page.locator('.cmp-side-b')).toContainText('0 errors')
    // the failing path comes first, above the table: where A failed and B did not, its origin first
    const failed = page.getByTestId('cmp-failed')
    await expect(failed).toBeVisible({ timeout: 20_000 })
    await expect(failed.getByRole('heading')).toHaveText(/Failed in A more than in B/)
    await expect(failed.getByRole('listitem').first()).toContainText('stock-service ReserveStock')
    await expect(failed.getByRole('listitem').first()).toContainText('1 / 0 failed')
    for (const svc of ['order-service', 'checkout-bff', 'api-gateway']) await expect(failed).toContainText(svc)
    await shoot(page, `compare-typical-${theme}`)
    const table = page.getByRole('table', { name: 'Paths of both traces' })
    expect((await failed.boundingBox())?.y ?? 1e9).toBeLessThan((await table.boundingBox())?.y ?? 0)
    // "only errors" leaves the failing paths alone in the table
    // the box follows the address (the filter is kept in the URL): click it and wait for the page to say it is on
    await page.getByLabel('Only errors').click()
    await expect(page.getByLabel('Only errors')).toBeChecked()
    await expect(table.getByTestId('cmp-row').first()).toHaveClass(/cmp-err/)
    // its first failed span opens in the trace
    await failed.getByRole('link', { name: 'stock-service ReserveStock' }).click()
    await expect(page).toHaveURL(new RegExp(`/traces/${INCIDENT_A_TRACE_ID}\\?.*span=`))
  })
}

test('compare a trace opened from a file with a typical trace from the backend', async ({ page }) => {
  // a failed POST /api/checkout exported from a Jaeger, started inside the synthetic world's window
  const file = fileURLToPath(new URL('./fixtures/checkout-trace.jaeger.json', import.meta.url))
  await openConsole(page, '/traces?range=1h')
  await page.getByTestId('trace-file-input').setInputFiles(file)
  await expect(page).toHaveURL(/\/traces\/file-[0-9a-f]{8}/)
  const fileId = new URL(page.url()).pathname.split('/').pop() ?? ''
  await page.getByRole('button', { name: 'More' }).click()
  await page.getByRole('link', { name: 'Compare with a typical trace' }).click()
  await expect(page).toHaveURL(/\/traces\/compare\?.*b=/, { timeout: 20_000 })
  const url = new URL(page.url())
  expect(url.searchParams.get('a')).toBe(fileId)
  // B is a trace of the backend, picked among the backend's successful traces of the same entry
  expect(url.searchParams.get('b')).toMatch(/^[0-9a-f]{16,32}$/)
  await expect(page.getByTestId('typical-note')).toContainText(/successful traces? of api-gateway POST \/api\/checkout/)
  await expect(page.locator('.cmp-side-b')).toContainText('0 errors')
  // both sides are aligned path by path: the file's failure is what differs most
  await expect(page.getByTestId('cmp-failed')).toBeVisible({ timeout: 20_000 })
  await expect(page.getByRole('table', { name: 'Paths of both traces' }).getByTestId('cmp-row').first()).toBeVisible()
  await shoot(page, 'compare-file-typical')
  // the way back to A is the file's trace, still held by the page
  await page.locator('.cmp-side-a').getByRole('link', { name: 'api-gateway POST /api/checkout' }).click()
  await expect(page).toHaveURL(new RegExp(`/traces/${fileId}`))
  const grid = page.getByRole('treegrid', { name: 'Spans of this trace', exact: true })
  await expect(grid).toContainText('POST /api/checkout')
  // a failed span's error chain is highlighted in the file's trace, not looked for in the backend
  await grid.getByRole('row').filter({ hasText: 'ReserveStock' }).first().click()
  const chain = page.getByRole('complementary', { name: 'Span detail' }).getByRole('link', { name: 'Highlight its error chain' })
  expect(await chain.getAttribute('href')).toContain(`/traces/${fileId}?`)
  await chain.click()
  await expect(page).toHaveURL(new RegExp(`/traces/${fileId}\\?.*chain=`))
  await expect(grid).toContainText('ReserveStock')
})

test('a small trace opened on the flame graph is drawn on the page, with no analysis worker started for it', async ({ page }) => {
  const workers: string[] = []
  page.on('worker', (w) => workers.push(w.url()))
  await openConsole(page, `/traces/${INCIDENT_A_TRACE_ID}?view=flame`)
  await waitForHooks(page, (h) => h.flame?.find((f) => f.label === 'stock-service ReserveStock' && f.errors > 0) ?? null)
  // the reader worker read it; the 27 spans were aggregated on the page
  expect(workers.some((u) => /backend-trace\.worker/.test(u))).toBe(true)
  expect(workers.filter((u) => /analysis\.worker/.test(u))).toEqual([])
})
