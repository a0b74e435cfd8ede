import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { openConsole } from './support/app'
import { jaegerTrace } from '../bench/cases/trace-file.mjs'
import { readHooks } from './support/hooks'

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url))
const table = (page: Page) => page.getByRole('table', { name: 'Matching traces' })
const gantt = (page: Page) => page.getByRole('treegrid', { name: 'Spans of this trace', exact: true })

/** Pixel position of the first dot of a scatter series, asked from ECharts itself. */
async function dotPosition(page: Page, seriesIndex: number): Promise<{ x: number; y: number; name: string }> {
  return readHooks(page, (h, i) => {
    const chart = h.charts?.get('trace-scatter')
    if (!chart) throw new Error('scatter chart not registered')
    const dot = chart.getOption().series?.[i]?.data?.[0] as { name: string; value: [number, number] } | undefined
    if (!dot) throw new Error(`scatter series ${i} has no dot`)
    const [x, y] = chart.convertToPixel({ seriesIndex: i }, dot.value)
    return { x, y, name: dot.name }
  }, seriesIndex)
}

/** The trace page's span count and root row, once it has rendered. */
async function treeShape(page: Page) {
  await expect(gantt(page)).toBeVisible({ timeout: 30_000 })
  const spans = await page.locator('dt', { hasText: /^Spans$/ }).locator('xpath=following-sibling::dd[1]').innerText()
  const rows = gantt(page).getByRole('row')
  const firstRow = await rows.nth(1).innerText().catch(() => rows.first().innerText())
  return { spans: spans.trim(), rowCount: await rows.count(), firstRow: firstRow.replace(/\s+/g, ' ').trim() }
}

const firstRow = (page: Page) => table(page).getByTestId('trace-row').first()

test.describe('trace search', () => {
  test.setTimeout(120_000)

  test('filters from the URL, result list and scatter; a row opens its trace', async ({ page }, testInfo) => {
    await openConsole(page, '/traces?range=1h&service=api-gateway&status=error&limit=20')
    await expect(firstRow(page)).toBeVisible({ timeout: 45_000 })
    const rows = await table(page).getByTestId('trace-row').count()
    expect(rows).toBeGreaterThan(0)
    expect(rows).toBeLessThanOrEqual(20)
    await expect(page.getByRole('combobox', { name: 'Service' })).toHaveValue('api-gateway')
    await expect(page.getByRole('combobox', { name: 'Status' })).toHaveValue('error')
    await expect(page.getByTestId('trace-scatter').locator('canvas').first()).toBeVisible()
    await expect(table(page).getByTestId('trace-row').first().locator('.badge-error')).toBeVisible()
    await page.screenshot({ path: testInfo.outputPath('search-light.png'), fullPage: true })

    await table(page).getByRole('columnheader', { name: /Duration/ }).getByRole('button').click()
    await expect(page).toHaveURL(/sort=duration%3Adesc/)

    const first = table(page).getByTestId('trace-row').first().getByRole('link')
    await first.focus()
    await page.keyboard.press('Enter')
    await expect(page).toHaveURL(/\/traces\/[^/?]+/)
    await expect(gantt(page)).toBeVisible({ timeout: 30_000 })
    // a failing trace opens at the origin of its first error chain, selected and shown in the detail
    await expect(page).toHaveURL(/[?&]span=[^&]+/)
    const originSpan = new URL(page.url()).searchParams.get('span')
    expect(new URL(page.url()).searchParams.get('chain')).toBe(originSpan)
    const detail = page.getByTestId('span-detail')
    await expect(detail).toContainText('Error started here')
    await expect(gantt(page).getByRole('row', { selected: true })).toBeVisible()
  })

  test('an answer missing a data centre says so', async ({ page }) => {
    // dc-west does not answer from now-12 min to now-7 min in the synthetic world
    const from = Date.parse('2026-11-23T09:49:00Z')
    await openConsole(page, `/traces?from=${from}&to=${from + 3 * 60_000}&limit=20`)
    await expect(firstRow(page)).toBeVisible({ timeout: 45_000 })
    await expect(page.getByTestId('partial-banner')).toContainText('dc-west')
  })

  test('a dot on the scatter opens its trace; brushing a region narrows the list', async ({ page }) => {
    await openConsole(page, '/traces?range=1h&service=api-gateway')
    await expect(firstRow(page)).toBeVisible({ timeout: 45_000 })
    const chart = page.getByTestId('trace-scatter')
    const box = await chart.boundingBox()
    if (!box) throw new Error('no chart box')
    const total = await table(page).getByTestId('trace-row').count()
    // drag across the left half of the plot
    await page.mouse.move(box.x + 70, box.y + 30)
    await page.mouse.down()
    await page.mouse.move(box.x + box.width / 2, box.y + box.height - 40, { steps: 8 })
    await page.mouse.up()
    await expect(page).toHaveURL(/brush=/)
    await expect(page.getByText(/traces in the selected region/)).toBeVisible()
    expect(await table(page).getByTestId('trace-row').count()).toBeLessThanOrEqual(total)
    await page.getByRole('button', { name: 'Show all' }).click()
    await expect(page).not.toHaveURL(/brush=/)

    const dot = await dotPosition(page, 0)
    await chart.click({ position: { x: dot.x, y: dot.y } })
    await expect(page).toHaveURL(new RegExp(`/traces/${dot.name}`))
  })

  test('a Jaeger JSON file and an OTLP JSON file of the same trace open the same tree', async ({ page }, testInfo) => {
    await openConsole(page, '/traces?range=1h')
    await page.getByTestId('trace-file-input').setInputFiles(fixture('checkout-trace.jaeger.json'))
    await expect(page).toHaveURL(/\/traces\/file-[0-9a-f]{8}/)
    const fromJaeger = await treeShape(page)
    expect(fromJaeger.spans).toBe('11')
    expect(fromJaeger.firstRow).toContain('api-gateway')
    await page.screenshot({ path: testInfo.outputPath('file-trace.png') })

    await openConsole(page, '/traces?range=1h')
    await page.getByTestId('trace-file-input').setInputFiles(fixture('checkout-trace.otlp.json'))
    await expect(page).toHaveURL(/\/traces\/file-[0-9a-f]{8}/)
    const fromOtlp = await treeShape(page)
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
    await openConsole(page, '/traces?range=1h')
    await page.getByTestId('trace-file-input').setInputFiles(file)
    // the page opens when the reader has read and converted the file (its 'tracelens:file-start'
    // mark), before any span is handed over; a failed read shows its message instead
    await page.waitForFunction(
      () => performance.getEntriesByName('tracelens:file-start').length > 0 || document.querySelector('[data-testid="trace-file-error"]') !== null,
      null,
      { timeout: 120_000 },
    )
    await expect(page.getByTestId('trace-file-error')).toHaveCount(0)
    await expect(page).toHaveURL(/\/traces\/file-[0-9a-f]{8}/)
    await expect(gantt(page)).toBeVisible({ timeout: 60_000 })
    await expect(page.locator('dt', { hasText: /^Spans$/ }).locator('xpath=following-sibling::dd[1]')).toHaveText('80,000')
    const grids = await page.evaluate(() => window.__grids ?? [])
    expect(grids).toEqual(['First spans of this trace, still arriving', 'Spans of this trace'])
    await page.screenshot({ path: testInfo.outputPath('big-file-trace.png') })
    rmSync(dir, { recursive: true, force: true })
  })

  test('a file dropped on the page opens like a picked one', async ({ page }) => {
    await openConsole(page, '/traces?range=1h')
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
    expect((await treeShape(page)).spans).toBe('11')
  })

  test('a bad file gets a message naming what is wrong; the page keeps working', async ({ page }, testInfo) => {
    await page.addInitScript(() => localStorage.setItem('tracelens.theme', 'dark'))
    await openConsole(page, '/traces?range=1h&service=api-gateway')
    await expect(firstRow(page)).toBeVisible({ timeout: 45_000 })
    await page.getByTestId('trace-file-input').setInputFiles(fixture('dependencies-small.json'))
    const msg = page.getByTestId('trace-file-error')
    await expect(msg).toContainText('dependencies-small.json')
    await expect(msg).toContainText('dependencies file')
    await page.getByTestId('trace-file-input').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"data": [{"traceID": "x", "spans": [{"spanID": 1}]}]}') })
    await expect(msg).toContainText('broken.json')
    await expect(msg).toContainText('data[0].spans[0]')
    await expect(page).toHaveURL(/\/traces\?/)
    await expect(firstRow(page)).toBeVisible({ timeout: 45_000 })
    await page.screenshot({ path: testInfo.outputPath('search-dark-bad-file.png'), fullPage: true })
  })
})
