import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { bigTraceId, INCIDENT_A_TRACE_ID, POSTTRACE_TRACE_ID } from '../mocks/synthetic/catalogue'
import { openConsole } from './support/app'

const gantt = (page: Page) => page.getByRole('treegrid', { name: 'Spans of this trace', exact: true })

/** Rows of the Gantt wholly inside both its scroll box and the window. */
async function rowsInView(page: Page): Promise<number> {
  return page.evaluate(() => {
    const box = document.querySelector('[role="treegrid"][aria-label="Spans of this trace"]')?.getBoundingClientRect()
    if (!box) return 0
    const bottom = Math.min(box.bottom, window.innerHeight)
    return [...document.querySelectorAll('[role="treegrid"][aria-label="Spans of this trace"] [role="row"]')].filter((r) => {
      const b = r.getBoundingClientRect()
      return b.height > 0 && b.top >= box.top - 0.5 && b.bottom <= bottom + 0.5
    }).length
  })
}

test.describe('room for the Gantt at 1280×720', () => {
  test.use({ viewport: { width: 1280, height: 720 } })

  test('a PostTrace capture with an error chain shows at least 15 rows under one collapsible banner and one toolbar row', async ({ page }) => {
    await openConsole(page, `/traces/${POSTTRACE_TRACE_ID}`)
    await expect(gantt(page).getByRole('row').first()).toBeVisible()
    await expect(page.getByTestId('chain-diagram')).toBeVisible()
    // one banner for the data notes, the PostTrace warning said once
    const notes = page.getByTestId('trace-warnings')
    await expect(notes).toHaveCount(1)
    await expect(notes).toContainText('PostTrace')
    await expect(notes).not.toContainText('calls that had finished before the trigger are absent')
    expect(await rowsInView(page)).toBeGreaterThanOrEqual(15)
    // the view switch and the tools share one row
    const toolbar = page.getByRole('toolbar', { name: 'Trace view controls' })
    const tb = await toolbar.boundingBox()
    expect(tb?.height ?? 999).toBeLessThan(48)
    await expect(toolbar.getByRole('tab', { name: 'Timeline' })).toBeVisible()
    // open, the banner says everything, and stays open on the next trace
    await notes.locator('summary').click()
    await expect(page.getByTestId('posttrace-note')).toBeVisible()
    await expect(page.getByTestId('posttrace-note')).toContainText('when stock-service ReserveStock failed (error trigger)')
    await openConsole(page, `/traces/${POSTTRACE_TRACE_ID}`)
    await expect(page.getByTestId('posttrace-note')).toBeVisible()
    await notes.locator('summary').click()
    await expect(page.getByTestId('posttrace-note')).toBeHidden()
    // the secondary actions are in the menu
    await page.getByRole('button', { name: 'More' }).click()
    await expect(page.getByRole('button', { name: 'Collapse all' })).toBeVisible()
    await page.keyboard.press('Escape')
    await expect(page.getByRole('button', { name: 'Collapse all' })).toBeHidden()
  })

  test('a failing trace opened at its origin still shows at least 15 rows beside the span detail', async ({ page }) => {
    await openConsole(page, `/traces/${INCIDENT_A_TRACE_ID}`)
    await gantt(page).getByRole('row').filter({ hasText: 'ReserveStock' }).filter({ has: page.locator('.tp-svc', { hasText: /^stock-service$/ }) }).first().click()
    await expect(page.getByRole('complementary', { name: 'Span detail' })).toBeVisible()
    expect(await rowsInView(page)).toBeGreaterThanOrEqual(15)
  })
})

test('the name column and the span detail resize by drag and keyboard, and keep their width', async ({ page }) => {
  await openConsole(page, `/traces/${INCIDENT_A_TRACE_ID}`)
  const name = page.locator('.tp-head-name')
  const splitter = page.getByRole('separator', { name: 'Width of the name column' })
  const w0 = (await name.boundingBox())?.width ?? 0
  const s = await splitter.boundingBox()
  if (!s) throw new Error('no splitter')
  await page.mouse.move(s.x + s.width / 2, s.y + 10)
  await page.mouse.down()
  await page.mouse.move(s.x + s.width / 2 + 120, s.y + 10, { steps: 4 })
  await page.mouse.up()
  await expect.poll(async () => (await name.boundingBox())?.width ?? 0).toBeGreaterThan(w0 + 100)
  // the rows follow the header
  const firstName = gantt(page).getByRole('row').first().locator('.tp-name')
  expect(Math.abs(((await firstName.boundingBox())?.width ?? 0) - ((await name.boundingBox())?.width ?? 0))).toBeLessThan(2)
  const w1 = (await name.boundingBox())?.width ?? 0
  await splitter.focus()
  await page.keyboard.press('ArrowLeft')
  await page.keyboard.press('ArrowLeft')
  await expect.poll(async () => (await name.boundingBox())?.width ?? 0).toBeLessThan(w1 - 24)
  const kept = (await name.boundingBox())?.width ?? 0
  await page.reload()
  await expect(gantt(page).getByRole('row').first()).toBeVisible()
  expect(Math.abs(((await name.boundingBox())?.width ?? 0) - kept)).toBeLessThan(2)

  // full names on hover
  const op = gantt(page).getByRole('row').filter({ hasText: 'ReserveStock' }).locator('.tp-op').first()
  await expect(op).toHaveAttribute('title', /ReserveStock/)

  // the span detail: wider by dragging its edge, and its stack trace wraps between frames
  await gantt(page).getByRole('row').filter({ hasText: 'ReserveStock' }).filter({ has: page.locator('.tp-svc', { hasText: /^stock-service$/ }) }).first().click()
  const detail = page.locator('.tp-detail-wrap')
  const d0 = (await detail.boundingBox())?.width ?? 0
  const edge = page.getByRole('separator', { name: 'Width of the span detail' })
  await edge.focus()
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowLeft')
  await expect.poll(async () => (await detail.boundingBox())?.width ?? 0).toBeGreaterThan(d0 + 48)
  const stack = page.getByTestId('span-detail').locator('.tp-pre').first()
  const lines = await stack.evaluate((el) => (el.textContent ?? '').split('\n').length)
  const frames = stack.locator('.tp-frame')
  expect(await frames.count()).toBeGreaterThan(3)
  expect(await frames.count()).toBeGreaterThanOrEqual(lines)
  // no frame is broken inside a word: every line box of a wrapped frame starts after a separator or space
  const midToken = await stack.evaluate((el) => {
    const bad: string[] = []
    for (const f of el.querySelectorAll('.tp-frame')) {
      const text = f.textContent ?? ''
      const range = document.createRange()
      let prevTop = -1
      for (let i = 0; i < text.length; i++) {
        const walker = document.createTreeWalker(f, NodeFilter.SHOW_TEXT)
        let node = walker.nextNode()
        let at = i
        while (node && at >= (node.textContent ?? '').length) {
          at -= (node.textContent ?? '').length
          node = walker.nextNode()
        }
        if (!node) break
        range.setStart(node, at)
        range.setEnd(node, at + 1)
        const top = range.getBoundingClientRect().top
        if (prevTop >= 0 && top > prevTop + 2 && i > 0 && /[\w]/.test(text[i - 1]) && /[\w]/.test(text[i])) bad.push(text.slice(Math.max(0, i - 10), i + 10))
        prevTop = top
      }
    }
    return bad
  })
  expect(midToken).toEqual([])
})

test('the trace page gives the Gantt the keyboard on open; ? lists every view’s shortcuts', async ({ page }) => {
  await openConsole(page, `/traces/${INCIDENT_A_TRACE_ID}`)
  await expect(gantt(page)).toBeFocused()
  // focus alone selects nothing; the first arrow key does
  await expect(page).not.toHaveURL(/span=/)
  await page.keyboard.press('ArrowDown')
  await expect(gantt(page).locator('[aria-selected="true"]')).toHaveCount(1)
  await expect(page).toHaveURL(/span=/)

  await page.keyboard.press('?')
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
  await expect(dialog).toBeVisible()
  for (const section of ['Everywhere', 'Trace: timeline (Gantt)', 'Trace: flame graph', 'Metrics charts']) await expect(dialog.getByRole('region', { name: section })).toBeVisible()
  await expect(dialog).toContainText('Next / previous error')
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  // typing "?" in a text field types it
  await page.getByRole('searchbox', { name: /Search spans/ }).fill('')
  await page.getByRole('searchbox', { name: /Search spans/ }).press('?')
  await expect(dialog).toBeHidden()
  // the button in the header opens it too
  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click()
  await expect(dialog).toBeVisible()
})

test('the flame graph is driven by the keyboard: arrows move a cursor whose facts show, Enter zooms into its frame, Esc zooms out', async ({ page }) => {
  await openConsole(page, `/traces/${INCIDENT_A_TRACE_ID}?view=flame`)
  const canvas = page.getByTestId('flame-canvas')
  await expect(canvas).toBeVisible()
  await canvas.focus()
  await page.keyboard.press('ArrowDown')
  const tip = page.getByRole('tooltip')
  await expect(tip).toBeVisible()
  const first = await tip.textContent()
  await page.keyboard.press('ArrowDown')
  await expect(tip).not.toHaveText(first ?? '')
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/fzoom=/)
  const crumb = await page.getByRole('navigation', { name: 'Zoom path' }).locator('[aria-current="location"]').textContent()
  expect(crumb).not.toBe('all spans')
  await page.keyboard.press('Escape')
  await expect(page.getByRole('navigation', { name: 'Zoom path' }).locator('[aria-current="location"]')).not.toHaveText(crumb ?? '')
})

// The Gantt first draws the rows of the box it assumes (720 px) and then of the box it is given,
// measured when the browser has laid it out: on a tall window the rows still reach its bottom.
test('on a tall window the Gantt’s rows fill its box', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 1800 })
  await openConsole(page, `/traces/${bigTraceId(5000)}`)
  await expect(page.locator('.tp-facts')).toContainText(/Spans\s*5,?000/)
  await expect(gantt(page).getByRole('row').first()).toBeVisible()
  const fill = await page.evaluate(() => {
    const box = document.querySelector('[role="treegrid"][aria-label="Spans of this trace"]')?.getBoundingClientRect()
    const rows = [...document.querySelectorAll('[role="treegrid"][aria-label="Spans of this trace"] [role="row"]')].map((r) => r.getBoundingClientRect())
    return { boxHeight: box?.height ?? 0, boxBottom: box?.bottom ?? 0, lastRowBottom: Math.max(0, ...rows.map((r) => r.bottom)) }
  })
  expect(fill.boxHeight).toBeGreaterThan(1000)
  expect(fill.lastRowBottom).toBeGreaterThanOrEqual(fill.boxBottom)
  expect(await rowsInView(page)).toBeGreaterThan(40)
})
