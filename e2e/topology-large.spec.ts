import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { openConsole } from './support/app'
import { graphTexture, readHooks, waitForHooks } from './support/hooks'


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

test('a graph of more than 150 services drawn: it pans on a texture of the canvas\'s own size, edges hidden while it moves', async ({ page }) => {
  // 300 services, every one drawn: large enough for the big graph's drawing, light enough beside the 1,000-service tests
  await openConsole(page, '/topology', { scale: '300', live: '0', all: '1' })
  await waitForHooks(page, (h) => (h.graph?.nodes(':childless').length ?? 0) > 250 && !h.graphStats?.drawing, undefined, SLOW)
  const big = await graphTexture(page)
  expect(big).toMatchObject({ textureOnViewport: true, hideEdgesOnViewport: true, textureMult: 1 })
  expect(big?.texture).toEqual(big?.canvas)
  // a pan still moves the whole graph
  const before = await readHooks(page, (h) => h.graph?.pan().x ?? 0)
  const box = await page.getByTestId('topology-graph').boundingBox()
  if (!box) throw new Error('expected the graph on screen')
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  await page.mouse.down()
  await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2, { steps: 8 })
  await page.mouse.up()
  await expect.poll(() => readHooks(page, (h) => h.graph?.pan().x ?? 0)).toBeGreaterThan(before + 100)

  // a small graph keeps the renderer's own texture (twice the canvas at a pixel ratio of 1) and its edges while it moves
  await openConsole(page, '/topology', { scale: '41', live: '0' })
  await waitForHooks(page, (h) => (h.graph?.nodes(':childless').length ?? 0) > 0 && !h.graphStats?.drawing, undefined, SLOW)
  expect(await graphTexture(page)).toMatchObject({ textureOnViewport: false, hideEdgesOnViewport: false, textureMult: 2 })
})
