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

test('at 1280×720 the names drawn at the default zoom are at least 11 px and do not overlap; a name left out is read from the hover card', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 })
  await openConsole(page, '/topology')
  await page.waitForFunction(() => ((window as unknown as { __tracelensGraph?: { nodes: (s: string) => { length: number } } }).__tracelensGraph?.nodes(':childless').length ?? 0) > 30)
  await expect.poll(async () => drawn((await labels(page)).nodes).length, { timeout: 15_000 }).toBeGreaterThan(25)
  // label boxes as the graph draws them, on screen
  const read = () =>
    page.evaluate(() => {
      type Box = { x1: number; x2: number; y1: number; y2: number }
      type N = { id: () => string; style: (k: string) => string; data: (k: string) => unknown; renderedBoundingBox: (o: object) => Box; renderedPosition: () => { x: number; y: number } }
      const cy = (window as unknown as { __tracelensGraph?: { nodes: (s: string) => { toArray: () => N[] } } }).__tracelensGraph
      const nodes = cy?.nodes(':childless').toArray() ?? []
      return nodes.map((n) => ({
        id: n.id(),
        text: n.style('label'),
        left: n.data('declutter') === 2,
        at: n.renderedPosition(),
        box: n.renderedBoundingBox({ includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false }),
      }))
    })
  const all = await read()
  const shown = all.filter((n) => n.text !== '')
  expect(shown.length).toBeGreaterThan(25)
  // every name drawn at this size's default "Fit" is at least 11 px on screen
  const sized = await labels(page)
  expect(sized.zoom).toBeLessThan(0.6)
  for (const n of drawn(sized.nodes)) expect(n.px, n.id).toBeGreaterThanOrEqual(11)
  for (const e of drawn(sized.edges)) expect(e.px).toBeGreaterThanOrEqual(11)
  for (let i = 0; i < shown.length; i++)
    for (let j = i + 1; j < shown.length; j++) {
      const [a, b] = [shown[i].box, shown[j].box]
      expect(a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2, `${shown[i].id} / ${shown[j].id}`).toBe(false)
    }
  // the failing services of incident A keep their names
  for (const id of ['stock-service', 'checkout-bff', 'order-service', 'api-gateway']) expect(shown.map((n) => n.id)).toContain(id)
  const left = all.find((n) => n.left)
  if (left) {
    const canvas = await page.getByTestId('topology-graph').boundingBox()
    await page.mouse.move((canvas?.x ?? 0) + left.at.x, (canvas?.y ?? 0) + left.at.y)
    await expect(page.getByTestId('topo-hover-card')).toContainText(left.id)
  }
})

test('at 1440×900 the failing calls are labelled at the default zoom, and no call label covers a name, a node or another call label', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 })
  await openConsole(page, '/topology')
  await waitForHooks(page, (h) => (h.graph?.nodes(':childless').length ?? 0) > 30)
  await expect.poll(async () => drawn((await labels(page)).edges).length, { timeout: 15_000 }).toBeGreaterThan(0)
  await page.waitForTimeout(300)
  // every drawn label as the graph itself placed it (its label bounds and the angle it turned an edge label by), in graph units
  const boxes = await readHooks(page, (h) => {
    type Bounds = { x1: number; x2: number; y1: number; y2: number }
    type Inner = { _private: { labelBounds: { main?: Bounds }; rstyle: { labelAngle?: number } } }
    const cy = h.graph
    if (!cy) throw new Error('no graph')
    const out: { id: string; kind: 'name' | 'call' | 'node'; x: number; y: number; hw: number; hh: number; angle: number; critical: boolean }[] = []
    for (const n of cy.nodes(':childless').toArray()) {
      const b = n.boundingBox({ includeNodes: true, includeEdges: false, includeLabels: false, includeOverlays: false })
      out.push({ id: n.id(), kind: 'node', x: (b.x1 + b.x2) / 2, y: (b.y1 + b.y2) / 2, hw: b.w / 2, hh: b.h / 2, angle: 0, critical: false })
      if (n.style('label') === '') continue
      const l = n.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false })
      out.push({ id: n.id(), kind: 'name', x: (l.x1 + l.x2) / 2, y: (l.y1 + l.y2) / 2, hw: l.w / 2, hh: l.h / 2, angle: 0, critical: false })
    }
    for (const e of cy.edges().toArray()) {
      if (e.style('label') === '') continue
      e.boundingBox({ includeLabels: true })
      const inner = e as unknown as Inner
      const b = inner._private.labelBounds.main
      if (!b) continue
      out.push({ id: e.id(), kind: 'call', x: (b.x1 + b.x2) / 2, y: (b.y1 + b.y2) / 2, hw: (b.x2 - b.x1) / 2, hh: (b.y2 - b.y1) / 2, angle: inner._private.rstyle.labelAngle ?? 0, critical: e.hasClass('tone-critical') })
    }
    return out
  })
  const calls = boxes.filter((b) => b.kind === 'call')
  expect(calls.filter((c) => c.critical).length).toBeGreaterThan(0)
  // separating-axis test of two turned rectangles, shrunk by 1 unit so that touching is not overlapping
  const overlap = (a: (typeof boxes)[number], b: (typeof boxes)[number]) => {
    const axes = [a.angle, a.angle + Math.PI / 2, b.angle, b.angle + Math.PI / 2].map((t) => [Math.cos(t), Math.sin(t)])
    const radius = (r: typeof a, [ux, uy]: number[]) => (r.hw - 1) * Math.abs(ux * Math.cos(r.angle) + uy * Math.sin(r.angle)) + (r.hh - 1) * Math.abs(-ux * Math.sin(r.angle) + uy * Math.cos(r.angle))
    return axes.every((u) => Math.abs((b.x - a.x) * u[0] + (b.y - a.y) * u[1]) < radius(a, u) + radius(b, u))
  }
  for (const c of calls)
    for (const o of boxes) {
      if (o === c || (o.kind === 'node' && c.id.split('->').includes(o.id))) continue
      expect(overlap(c, o), `${c.id} over ${o.kind} ${o.id}`).toBe(false)
    }
})

for (const theme of ['light', 'dark'] as const)
  test(`the graph library logs no warning on a topology load (${theme} theme)`, async ({ page }) => {
    const logged: string[] = []
    page.on('console', (m) => {
      if (m.type() === 'warning' || m.type() === 'error') logged.push(m.text())
    })
    await page.addInitScript((t) => localStorage.setItem('tracelens.theme', t), theme)
    await openConsole(page, '/topology', { live: '0' })
    await waitForHooks(page, (h) => (h.graph?.nodes(':childless').length ?? 0) > 30)
    await expect.poll(async () => drawn((await labels(page)).nodes).length, { timeout: 15_000 }).toBeGreaterThan(20)
    // zoomed in: the stylesheet is built anew for the new zoom step. A wheel step first makes the
    // view the user's, as any gesture does: a view nobody has touched is framed again when its box
    // changes size, which would take back a zoom set by the test alone
    const box = await page.getByTestId('topology-graph').boundingBox()
    if (!box) throw new Error('the graph has no box')
    await page.mouse.move(box.x + 300, box.y + 200)
    await page.mouse.wheel(0, -20)
    await readHooks(page, (h) => {
      h.graph?.zoom({ level: 1.2, renderedPosition: { x: 300, y: 200 } })
    })
    await expect.poll(async () => (await labels(page)).nodes.find((n) => n.id === 'stock-service')?.text ?? '').toMatch(/\/s/)
    expect(await page.locator('html').getAttribute('data-theme')).toBe(theme)
    expect(logged.filter((t) => /cytoscape|font|style|stylesheet/i.test(t))).toEqual([])
  })
