import { expect, test } from '@playwright/test'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { jaegerTrace } from '../bench/cases/trace-file.mjs'
import { SearchPage } from './pages/search-page'
import { TracePage } from './pages/trace-page'

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url))
/** The trace page's span count and root row, once it has rendered. */
async function treeShape(trace: TracePage) {
  await expect(trace.gantt).toBeVisible({ timeout: 30_000 })
  const spans = await trace.spanCount.innerText()
  const rows = trace.gantt.getByRole('row')
  const firstRow = await rows.nth(1).innerText().catch(() => rows.first().innerText())
  return { spans: spans.trim(), rowCount: await rows.count(), firstRow: firstRow.replace(/\s+/g, ' ').trim() }
}

test.describe('trace search', () => {
  test.setTimeout(120_000)

  test('filters from the URL, result list and scatter; a row opens its trace', async ({ page }, testInfo) => {
    const search = await SearchPage.open(page, 'range=1h&service=api-gateway&status=error&limit=20')
    await search.waitForResults()
    const rows = await search.resultRows.count()
    expect(rows).toBeGreaterThan(0)
    expect(rows).toBeLessThanOrEqual(20)
    await expect(search.filter('Service')).toHaveValue('api-gateway')
    await expect(search.filter('Status')).toHaveValue('error')
    await expect(search.scatter.locator('canvas').first()).toBeVisible()
    await expect(search.firstResult.locator('.badge-error')).toBeVisible()
    await page.screenshot({ path: testInfo.outputPath('search-light.png'), fullPage: true })

    await search.sortBy(/Duration/)
    await expect(page).toHaveURL(/sort=duration%3Adesc/)

    await search.firstResult.getByRole('link').focus()
    await page.keyboard.press('Enter')
    await expect(page).toHaveURL(/\/traces\/[^/?]+/)
    const trace = new TracePage(page)
    await expect(trace.gantt).toBeVisible({ timeout: 30_000 })
    // a failing trace opens at the origin of its first error chain, selected and shown in the detail
    await expect(page).toHaveURL(/[?&]span=[^&]+/)
    const originSpan = new URL(page.url()).searchParams.get('span')
    expect(new URL(page.url()).searchParams.get('chain')).toBe(originSpan)
    await expect(trace.spanDetail).toContainText('Error started here')
    await expect(trace.gantt.getByRole('row', { selected: true })).toBeVisible()
  })

  test('an answer missing a data centre says so', async ({ page }) => {
    // dc-west does not answer from now-12 min to now-7 min in the synthetic world
    const from = Date.parse('2026-11-23T09:49:00Z')
    await (await SearchPage.open(page, `from=${from}&to=${from + 3 * 60_000}&limit=20`)).waitForResults()
    await expect(page.getByTestId('partial-banner')).toContainText('dc-west')
  })

  test('a dot on the scatter opens its trace; brushing a region narrows the list', async ({ page }) => {
    const search = await SearchPage.open(page, 'range=1h&service=api-gateway')
    await search.waitForResults()
    const total = await search.resultRows.count()
    // drag across the left half of the plot
    await search.brushScatter({ x: 70, y: 30 }, (box) => ({ x: box.width / 2, y: box.height - 40 }))
    await expect(page).toHaveURL(/brush=/)
    await expect(page.getByText(/traces in the selected region/)).toBeVisible()
    expect(await search.resultRows.count()).toBeLessThanOrEqual(total)
    await page.getByRole('button', { name: 'Show all' }).click()
    await expect(page).not.toHaveURL(/brush=/)

    const dot = await search.dotPosition(0)
    await search.scatter.click({ position: { x: dot.x, y: dot.y } })
    await expect(page).toHaveURL(new RegExp(`/traces/${dot.name}`))
  })

  test('a Jaeger JSON file and an OTLP JSON file of the same trace open the same tree', async ({ page }, testInfo) => {
    const search = await SearchPage.open(page, 'range=1h')
    const fromFile = await search.openFile(fixture('checkout-trace.jaeger.json'))
    await expect(page).toHaveURL(/\/traces\/file-[0-9a-f]{8}/)
    const fromJaeger = await treeShape(fromFile)
    expect(fromJaeger.spans).toBe('11')
    expect(fromJaeger.firstRow).toContain('api-gateway')
    await page.screenshot({ path: testInfo.outputPath('file-trace.png') })

    await SearchPage.open(page, 'range=1h')
    await search.openFile(fixture('checkout-trace.otlp.json'))
    await expect(page).toHaveURL(/\/traces\/file-[0-9a-f]{8}/)
    const fromOtlp = await treeShape(fromFile)
    expect(fromOtlp).toEqual(fromJaeger)
  })

  test('a big trace file opens its page at once and shows the first rows while its spans are handed over', async ({ page }, testInfo) => {
    // a 60 MB file is handed to the page, read and converted: seconds of CPU, many more on a busy machine
    test.setTimeout(180_000)
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tracelens-e2e-'))
    const file = path.join(dir, 'big.jaeger.json')
    writeFileSync(file, JSON.stringify(jaegerTrace(80_000)))
    // which grids the page showed, in order (the early rows can be on screen for only a few frames)
    await page.addInitScript(() => {
      const seen: string[] = []
      window.__grids = seen
      new MutationObserver(() => {
        for (const g of document.querySelectorAll('[role="treegrid"]')) {
          const name = g.getAttribute('aria-label') ?? ''
          if (seen[seen.length - 1] !== name && g.querySelector('[role="row"]')) seen.push(name)
        }
      }).observe(document, { childList: true, subtree: true })
    })
    const search = await SearchPage.open(page, 'range=1h')
    const trace = await search.openFile(file)
    // the page opens when the reader has read and converted the file (its 'tracelens:file-start'
    // mark), before any span is handed over; a failed read shows its message instead
    await page.waitForFunction(
      () => performance.getEntriesByName('tracelens:file-start').length > 0 || document.querySelector('[data-testid="trace-file-error"]') !== null,
      null,
      { timeout: 120_000 },
    )
    await expect(search.fileError).toHaveCount(0)
    await expect(page).toHaveURL(/\/traces\/file-[0-9a-f]{8}/)
    await expect(trace.gantt).toBeVisible({ timeout: 60_000 })
    await expect(trace.spanCount).toHaveText('80,000')
    const grids = await page.evaluate(() => window.__grids ?? [])
    expect(grids).toEqual(['First spans of this trace, still arriving', 'Spans of this trace'])
    await page.screenshot({ path: testInfo.outputPath('big-file-trace.png') })
    rmSync(dir, { recursive: true, force: true })
  })

  test('a file dropped on the page opens like a picked one', async ({ page }) => {
    await SearchPage.open(page, 'range=1h')
    await expect(page.getByRole('button', { name: 'Find traces' })).toBeVisible()
    const text = readFileSync(fixture('checkout-trace.otlp.json'), 'utf8')
    const dataTransfer = await page.evaluateHandle((content) => {
      const dt = new DataTransfer()
      dt.items.add(new File([content], 'checkout.otlp.json', { type: 'application/json' }))
      return dt
    }, text)
    const target = page.getByRole('heading', { name: 'Traces', level: 1 })
    await target.dispatchEvent('dragenter', { dataTransfer })
    await expect(page.getByText('Drop a Jaeger JSON or OTLP JSON file to open it')).toBeVisible()
    await target.dispatchEvent('drop', { dataTransfer })
    await expect(page).toHaveURL(/\/traces\/file-[0-9a-f]{8}/)
    expect((await treeShape(new TracePage(page))).spans).toBe('11')
  })

  test('a bad file gets a message naming what is wrong; the page keeps working', async ({ page }, testInfo) => {
    await page.addInitScript(() => localStorage.setItem('tracelens.theme', 'dark'))
    const search = await SearchPage.open(page, 'range=1h&service=api-gateway')
    await search.waitForResults()
    await search.openFile(fixture('dependencies-small.json'))
    const msg = search.fileError
    await expect(msg).toContainText('dependencies-small.json')
    await expect(msg).toContainText('dependencies file')
    await search.openFile({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"data": [{"traceID": "x", "spans": [{"spanID": 1}]}]}') })
    await expect(msg).toContainText('broken.json')
    await expect(msg).toContainText('data[0].spans[0]')
    await expect(page).toHaveURL(/\/traces\?/)
    await search.waitForResults()
    await page.screenshot({ path: testInfo.outputPath('search-dark-bad-file.png'), fullPage: true })
  })
})
