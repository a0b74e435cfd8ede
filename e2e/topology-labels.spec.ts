import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { openConsole } from './support/app'
import { readHooks, waitForHooks } from './support/hooks'

/** What the graph draws for each label at the current zoom, read from the graph instance. */
interface LabelRead {
  zoom: number
  nodes: { id: string; text: string; px: number; minPx: number }[]
  edges: { text: string; px: number; minPx: number }[]
}

async function labels(page: Page): Promise<LabelRead> {
  return readHooks(page, (h) => {
    type El = { id: () => string; style: (k: string) => string; hasClass: (c: string) => boolean }
    const cy = h.graph
    if (!cy) throw new Error('no graph')
    const z = cy.zoom()
    // Cytoscape's own rule: a label is drawn when font-size × zoom reaches min-zoomed-font-size
    const read = (e: El) => ({ id: e.id(), text: e.style('label'), px: parseFloat(e.style('font-size')) * z, minPx: parseFloat(e.style('min-zoomed-font-size')) })
    return {
      zoom: z,
      nodes: cy.nodes(':childless').toArray().filter((n) => !n.hasClass('box')).map(read),
      edges: cy.edges().toArray().map(read).filter((e) => e.text !== ''),
    }
  })
}

/** the labels the graph draws: every one with text (the stylesheet empties those it will not draw legibly) */
const drawn = <T extends { text: string }>(list: T[]) => list.filter((l) => l.text !== '')

test('the default view of the synthetic world is readable: every label drawn is at least 11 px on screen, names of every service among them', async ({ page }) => {
  await openConsole(page, '/topology')
  await waitForHooks(page, (h) => (h.graph?.nodes(':childless').length ?? 0) > 30)
  // the semantic labels follow the framing zoom
  await expect.poll(async () => drawn((await labels(page)).nodes).length, { timeout: 15_000 }).toBeGreaterThan(30)
  const at = await labels(page)
  expect(at.zoom).toBeLessThan(0.9) // the whole graph framed: zoomed out
  for (const n of drawn(at.nodes)) expect(n.px, n.id).toBeGreaterThanOrEqual(11)
  // zoomed out, a node says its name alone (its figures are in the list beside the graph)
  const stock = at.nodes.find((n) => n.id === 'stock-service')
  expect(stock?.text).toMatch(/stock-service$/)
  for (const e of drawn(at.edges)) expect(e.px).toBeGreaterThanOrEqual(11)
  // zoomed out, only critical calls are labelled (the failing checkout path)
  expect(drawn(at.edges).length).toBeGreaterThan(0)

  // zoomed further out: what cannot be 11 px is hidden, never drawn smaller
  await readHooks(page, (h) => {
    const cy = h.graph
    cy?.zoom({ level: 0.25, renderedPosition: { x: 300, y: 200 } })
  })
  await expect.poll(async () => drawn((await labels(page)).nodes).length).toBe(0)

  // zoomed in, names and figures, still at least 11 px; critical calls labelled
  await readHooks(page, (h) => {
    const cy = h.graph
    cy?.zoom({ level: 1.3, renderedPosition: { x: 300, y: 200 } })
  })
  await expect.poll(async () => (await labels(page)).nodes.find((n) => n.id === 'stock-service')?.text ?? '').toMatch(/stock-service\n.*\/s/)
  const near = await labels(page)
  for (const n of drawn(near.nodes)) expect(n.px).toBeGreaterThanOrEqual(11)
  for (const e of drawn(near.edges)) expect(e.px).toBeGreaterThanOrEqual(11)
  expect(drawn(near.edges).length).toBeGreaterThan(0)
})
