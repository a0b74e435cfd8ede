import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { openConsole } from './support/app'
import { graphLayersComplete, graphTexture, readHooks, waitForHooks } from './support/hooks'


// a world of 1,000 services takes a while to answer on a busy machine
test.describe.configure({ timeout: 180_000 })
const SLOW = { timeout: 90_000 }

const drawnIds = (page: Page) =>
  readHooks(page, (h) => (h.graph?.nodes(':childless').toArray() ?? []).map((n) => n.id()))

test('a graph too large to draw opens on its problems and their neighbours, the rest as groups that list their members', async ({ page }) => {
  const warnings: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'warning') warnings.push(m.text())
  })
  await openConsole(page, '/topology', { scale: '1000', live: '0' })
  await expect(page.getByTestId('topo-overview')).toContainText('with problems', SLOW)
  await expect.poll(async () => (await drawnIds(page)).length, SLOW).toBeGreaterThan(3)
  const ids = await drawnIds(page)
  // incident A's services are drawn as themselves, not inside a layer group
  expect(ids).toContain('stock-service')
  const groups = ids.filter((id) => id.startsWith('group:'))
  expect(groups.length).toBeGreaterThan(0)
  // no font-family (or any other) style warning from the graph library
  expect(warnings.filter((w) => /font|style/i.test(w))).toEqual([])

  const group = groups[0]
  await openConsole(page, `/topology?scale=1000&live=0&sel=node:${encodeURIComponent(group)}`)
  const side = page.getByRole('complementary', { name: 'Details' })
  // its own health on its own error rate, its members' verdicts counted apart
  await expect(side.getByTestId('group-health')).toContainText(/on its own error rate \(\d/, SLOW)
  await expect(side.getByTestId('group-members-health')).toContainText(/\d+ members?: \d+ critical/)
  await expect(side.getByRole('heading', { name: 'Alerts and changes of its members' })).toBeVisible()
  await expect(side.getByRole('list', { name: 'Nodes of the graph' }).getByRole('listitem').first()).toBeVisible()
  await side.getByRole('button', { name: 'Draw this group’s members' }).click()
  await expect(page).toHaveURL(new RegExp(`focus=${encodeURIComponent(group).replace(/%3A/i, '(%3A|:)')}`))
})

test('/topology?scale=1000&focus=<group> draws the group\'s members instead of an error', async ({ page }) => {
  await openConsole(page, '/topology', { scale: '1000', live: '0', focus: 'group:storage' })
  await expect.poll(async () => (await drawnIds(page)).length, SLOW).toBeGreaterThan(9)
  await expect(page.getByText('could not be loaded')).toHaveCount(0)
  const ids = await drawnIds(page)
  expect(ids.some((id) => id.startsWith('group:'))).toBe(false)
  expect(ids).toContain('mysql-orders')
})

test('a graph of more than 150 services drawn pans on its layers, edges shown, once they are drawn; before that on a picture of the canvas\'s own size, edges hidden', async ({ page }) => {
  // 300 services, every one drawn: large enough for the big graph's drawing, light enough beside the 1,000-service tests
  await openConsole(page, '/topology', { scale: '300', live: '0', all: '1' })
  await waitForHooks(page, (h) => (h.graph?.nodes(':childless').length ?? 0) > 250 && !h.graphStats?.drawing, undefined, SLOW)
  // left still, the graph gets its layers without any gesture
  await expect.poll(() => graphLayersComplete(page), SLOW).toBe(true)
  const pan = () => readHooks(page, (h) => h.graph?.pan().x ?? 0)
  const before = await pan()
  // pressed on the background (a press on a service or a call marks it pressed: a change to the elements)
  const spot = await readHooks(page, (h) => {
    const cy = h.graph
    if (!cy) return null
    const r = (cy as unknown as { renderer: () => { findNearestElements: (x: number, y: number, i: boolean, t: boolean) => unknown[] } }).renderer()
    const rect = cy.container()?.getBoundingClientRect()
    if (!rect) return null
    const { x: px, y: py } = cy.pan()
    for (let y = rect.height / 2; y < rect.height - 20; y += 15) {
      for (let x = rect.width / 4; x < rect.width / 2; x += 15) {
        if (r.findNearestElements((x - px) / cy.zoom(), (y - py) / cy.zoom(), true, true).length === 0) return { x: rect.left + x, y: rect.top + y }
      }
    }
    return null
  })
  if (!spot) throw new Error('expected some background in the graph')
  await page.mouse.move(spot.x, spot.y)
  await page.mouse.down()
  await page.mouse.move(spot.x + 60, spot.y, { steps: 4 })
  // mid-pan: drawn from the layers, edges included
  expect(await graphTexture(page)).toMatchObject({ textureOnViewport: false, hideEdgesOnViewport: false })
  await page.mouse.move(spot.x + 120, spot.y, { steps: 4 })
  await page.mouse.up()
  await expect.poll(pan).toBeGreaterThan(before + 100)

  // just after the elements change (their layers are being drawn again), a pan moves a picture of the
  // canvas, at the canvas's own size, edges hidden
  const fresh = await readHooks(page, async (h) => {
    const cy = h.graph
    if (!cy) return null
    const n = cy.nodes(':childless').first()
    n.data('label', `${String(n.data('label'))} (renamed)`)
    // the renderer takes the change at its next frame
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))
    cy.panBy({ x: 10, y: 0 })
    const r = (cy as unknown as { renderer: () => { textureOnViewport: boolean; hideEdgesOnViewport: boolean } }).renderer()
    return { textureOnViewport: r.textureOnViewport, hideEdgesOnViewport: r.hideEdgesOnViewport }
  })
  expect(fresh).toEqual({ textureOnViewport: true, hideEdgesOnViewport: true })
  const picture = await graphTexture(page)
  expect(picture).toMatchObject({ textureMult: 1 })
  expect(picture?.texture).toEqual(picture?.canvas)

  // a small graph keeps the renderer's own texture (twice the canvas at a pixel ratio of 1) and its edges while it moves
  await openConsole(page, '/topology', { scale: '41', live: '0' })
  await waitForHooks(page, (h) => (h.graph?.nodes(':childless').length ?? 0) > 0 && !h.graphStats?.drawing, undefined, SLOW)
  expect(await graphTexture(page)).toMatchObject({ textureOnViewport: false, hideEdgesOnViewport: false, textureMult: 2 })
})
