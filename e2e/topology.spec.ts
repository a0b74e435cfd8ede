import { expect, test } from '@playwright/test'
import { injectFault, PINNED_NOW } from './support/app'
import { readHooks } from './support/hooks'
import { TopologyPage } from './pages/topology-page'

test('overlays switch edge labels and legend, each on its own', async ({ page }, testInfo) => {
  const topology = await TopologyPage.open(page)
  const legend = topology.legend
  // defaults: traffic and errors
  await expect(legend.getByTestId('legend-traffic')).toBeVisible()
  await expect(legend.getByTestId('legend-errors')).toBeVisible()
  await expect(legend.getByTestId('legend-latency')).toHaveCount(0)
  expect((await topology.edgeLabels()).every((l) => l.includes('/s') && l.includes('err'))).toBe(true)
  await page.screenshot({ path: testInfo.outputPath('topology-default.png') })

  await legend.getByRole('button', { name: 'Latency' }).click()
  await expect(legend.getByTestId('legend-latency')).toBeVisible()
  await expect.poll(async () => (await topology.edgeLabels()).every((l) => l.includes('p99'))).toBe(true)
  await expect(page).toHaveURL(/overlays=traffic%2Clatency%2Cerrors|overlays=traffic,latency,errors/)

  await legend.getByRole('button', { name: 'Animate' }).click()
  await expect(page).toHaveURL(/flow=1/)
  await expect(page.getByTestId('traffic-overlay')).toHaveAttribute('data-state', 'running')

  await legend.getByRole('button', { name: 'Traffic' }).click()
  await expect(legend.getByTestId('legend-traffic')).toHaveCount(0)
  await expect(legend.getByRole('button', { name: 'Animate' })).toHaveCount(0)
  await expect(page.getByTestId('traffic-overlay')).toHaveCount(0)
  await expect.poll(async () => (await topology.edgeLabels()).some((l) => l.includes('/s'))).toBe(false)

  await legend.getByRole('button', { name: 'Errors' }).click()
  await expect(legend.getByTestId('legend-errors')).toHaveCount(0)
  await expect.poll(async () => (await topology.edgeLabels()).some((l) => l.includes('err'))).toBe(false)
  await page.screenshot({ path: testInfo.outputPath('topology-latency.png') })
})

test('focus on a service with depth 1 shows only its neighbours, and the breadcrumb goes back', async ({ page }) => {
  const topology = await TopologyPage.open(page)
  const all = Object.keys(await topology.positions()).length
  await topology.focusOn('order-service')
  await expect(page).toHaveURL(/focus=order-service/)
  await expect.poll(async () => Object.keys(await topology.positions()).length).toBeLessThan(all)
  const check = await readHooks(page, (h) => {
    const cy = h.graph
    if (!cy) return { ok: false, ids: [] as string[] }
    const ids = cy.nodes(':childless').toArray().map((n) => n.id())
    const neighbours = new Set(['order-service'])
    for (const e of cy.edges().toArray()) {
      if (e.source().id() === 'order-service') neighbours.add(e.target().id())
      if (e.target().id() === 'order-service') neighbours.add(e.source().id())
    }
    return { ok: ids.every((id) => neighbours.has(id)), ids }
  })
  expect(check.ids).toContain('order-service')
  expect(check.ok).toBe(true)
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('button', { name: 'All services' }).click()
  await expect.poll(async () => Object.keys(await topology.positions()).length).toBe(all)
})

test('during incident A stock-service is critical by shape and glyph, with its deploy badge; links open a prefilled trace search', async ({ page }, testInfo) => {
  const topology = await TopologyPage.open(page, 'range=30m')
  const stock = await topology.node('stock-service')
  expect(stock).not.toBeNull()
  expect(stock?.critical).toBe(true)
  expect(stock?.shape).toBe('octagon')
  expect(stock?.label).toContain('✖')
  expect(stock?.label).toContain('[deploy')

  await topology.nodeList.getByRole('button', { name: /stock-service/ }).first().click()
  const details = topology.details
  await expect(details.getByRole('heading', { name: 'stock-service' })).toBeVisible()
  await expect(details.getByText(/Critical$/)).toBeVisible()
  await expect(details.getByText(/deploy/).first()).toBeVisible()
  // rate, errors and p99 over the window: each figure, and its line once the chart code is in
  const sparks = details.getByRole('img', { name: / of stock-service over the window$/ })
  await expect(sparks).toHaveCount(3)
  await expect(sparks.locator('canvas')).toHaveCount(3)
  await expect(details.locator('.topo-spark-value').filter({ hasText: /^\d/ })).toHaveCount(3)
  await page.screenshot({ path: testInfo.outputPath('topology-stock.png') })
  await details.getByRole('link', { name: 'Traces through stock-service' }).click()
  await expect(page).toHaveURL(/\/traces\?.*service=stock-service/)
  await expect(page).toHaveURL(/range=30m/)
})

test('an edge links to the traces of that call', async ({ page }) => {
  const topology = await TopologyPage.open(page, 'sel=edge:order-service->stock-service')
  const details = topology.details
  // the call's rate, errors and p99 as the callee records them for this caller
  await expect(details.getByText('stock-service, requests from order-service')).toBeVisible()
  await expect(details.getByRole('img', { name: 'Errors of stock-service over the window' })).toBeVisible()
  await expect(details.getByText('unavailable')).toHaveCount(0)
  await expect(details.getByRole('link', { name: 'Metrics' })).toHaveAttribute('href', /\/metrics\?service=stock-service&filter=FromService%3Dorder-service/)
  await details.getByRole('link', { name: 'Traces of this call' }).click()
  await expect(page).toHaveURL(/\/traces\?.*service=order-service/)
  await expect(page).toHaveURL(/tag=ToService%3Dstock-service/)
})

test('a live refresh changes the numbers while every node keeps its position', async ({ page }) => {
  await page.clock.install({ time: new Date(PINNED_NOW) })
  await page.goto('/topology?latency=0&refresh=10')
  const topology = new TopologyPage(page)
  await topology.waitForGraph()
  const before = await topology.positions()
  const labelsBefore = await topology.nodeLabels()
  await page.clock.fastForward('02:00')
  await expect.poll(async () => JSON.stringify(await topology.nodeLabels()), { timeout: 15_000 }).not.toBe(JSON.stringify(labelsBefore))
  const after = await topology.positions()
  for (const [id, p] of Object.entries(before)) {
    if (after[id]) expect(after[id], id).toEqual(p)
  }
  expect(Object.keys(after).length).toBeGreaterThan(0)
  await expect(topology.live).toContainText(/Updated/)
})

test('on a big zoomed-out graph, labels too small to draw wait for the zoom, then show the latest numbers', async ({ page }) => {
  // the wall clock (no pinned now), so each refresh asks for a window that has moved
  await page.goto('/topology?latency=0&scale=300&refresh=2')
  const topology = new TopologyPage(page)
  await topology.waitForGraph()
  expect(await topology.zoomLevel()).toBeLessThan(0.5)
  const labelsBefore = await topology.nodeLabels()
  const list = topology.nodeList
  const listBefore = await list.textContent()
  // a refresh came in: the node list shows the new numbers …
  await expect.poll(() => list.textContent(), { timeout: 15_000 }).not.toBe(listBefore)
  // … but labels nobody can read at this zoom were left alone
  expect(await topology.nodeLabels()).toEqual(labelsBefore)
  await topology.zoomTo(1.5, { x: 300, y: 300 })
  await expect.poll(async () => JSON.stringify(await topology.nodeLabels()), { timeout: 5_000 }).not.toBe(JSON.stringify(labelsBefore))
})

test('a failed refresh keeps the graph and says it is stale', async ({ page }) => {
  const topology = await TopologyPage.open(page, 'refresh=1')
  await injectFault(page, { path: '/api/v1/topology', status: 503, message: 'topology store down', times: 1000 })
  await expect(topology.live.getByRole('alert')).toContainText(/Stale/, { timeout: 15_000 })
  expect(Object.keys(await topology.positions()).length).toBeGreaterThan(0)
})

test('a window with dc-west silent for 5 of 15 minutes: partial, its nodes marked silent and judged on the 10 minutes with data', async ({ page }, testInfo) => {
  await TopologyPage.open(page, 'range=15m&groupBy=dc&sel=node:api-gateway@dc-west')
  await expect(page.getByTestId('partial-banner')).toContainText('dc-west')
  const west = await readHooks(page, (h) => {
    const cy = h.graph
    const nodes = (cy?.nodes(':childless').toArray() ?? []).filter((n) => n.id().endsWith('@dc-west'))
    return {
      count: nodes.length,
      allSilent: nodes.every((n) => n.hasClass('silent-whole') && String(n.data('label')).includes('no data 5 min')),
      unknown: nodes.filter((n) => n.hasClass('health-unknown')).length,
      eastSilent: (cy?.nodes(':childless').toArray() ?? []).some((n) => n.id().endsWith('@dc-east') && n.hasClass('silent-whole')),
    }
  })
  expect(west.count).toBeGreaterThan(0)
  expect(west.allSilent).toBe(true)
  expect(west.unknown).toBe(0)
  expect(west.eastSilent).toBe(false)
  await expect(page.getByTestId('silence-note')).toContainText(/No data \d\d:\d\d:\d\d–\d\d:\d\d:\d\d UTC\S* \(5 min\).*over the 10 min with data/)
  await page.screenshot({ path: testInfo.outputPath('topology-partial-dc.png') })
})

test('what-if and baseline in the dark theme: nodes over capacity in their own style, numbers per operation, differences against yesterday', async ({ page }, testInfo) => {
  await page.addInitScript(() => localStorage.setItem('tracelens.theme', 'dark'))
  const topology = await TopologyPage.open(page, 'whatif=api-gateway*3&baseline=24&sel=node:web-bff')
  await expect(page.getByTestId('legend-whatif')).toBeVisible()
  await expect(page.getByTestId('legend-baseline')).toBeVisible()
  const form = page.getByRole('form', { name: 'Capacity what-if' })
  // the call ratios are measured from api-gateway's sampled traces first (docs/topology.md)
  await expect(form.getByRole('status')).toHaveText(/\d+ over capacity|all within capacity/, { timeout: 120_000 })
  await expect(page.getByTestId('whatif-basis')).toContainText(/call ratios measured from [\d,]+ sampled traces \(of [\d,]+ listed\) of the entry's \d+ operations/)
  await expect(page.getByTestId('whatif-basis')).toContainText('capacity declared by the data source')
  const over = await readHooks(page, (h) => {
    const nodes = h.graph?.nodes('.over-capacity').toArray() ?? []
    return { count: nodes.length, style: nodes[0]?.style('border-style') ?? '' }
  })
  expect(over.count).toBeGreaterThan(0)
  expect(over.style).toBe('double')
  // web-bff is called once per products, cart and login request: × 3 of those (measured: within the sample's uncertainty)
  const details = topology.details
  await expect(details.getByTestId('whatif-node')).toContainText(/of capacity/)
  const rate = await details.locator('dt:text-is("Rate") + dd').textContent()
  const expected = await details.getByTestId('whatif-node').locator('dd').textContent()
  const num = (s: string | null) => {
    const m = /([\d.]+)(k?)\/s/.exec(s ?? '')
    return m ? Number(m[1]) * (m[2] ? 1000 : 1) : NaN
  }
  expect(num(expected) / num(rate)).toBeGreaterThan(2.9)
  expect(num(expected) / num(rate)).toBeLessThan(3.1)
  await page.screenshot({ path: testInfo.outputPath('topology-dark-whatif.png') })
})

test('the what-if lists its entries by service and operation, not by the graph’s node ids', async ({ page }) => {
  await TopologyPage.open(page, 'groupBy=method')
  const select = page.getByRole('form', { name: 'Capacity what-if' }).getByLabel('Entry service')
  await expect(select.locator('option').first()).toBeAttached({ timeout: 60_000 })
  const options = await select.locator('option').evaluateAll((os) => os.map((o) => ({ text: o.textContent ?? '', value: (o as HTMLOptionElement).value })))
  expect(options.map((o) => o.text)).toContain('api-gateway · POST /api/checkout')
  for (const o of options) {
    expect(o.text).not.toContain('::')
    expect(o.value).toContain('::')
  }
})

test('grouped by cluster, the canary clusters of stock-service stand out with the deploy’s panics', async ({ page }, testInfo) => {
  const topology = await TopologyPage.open(page, 'range=15m&groupBy=cluster&focus=stock-service&up=1&down=0&sel=node:stock-service@east-prod-2')
  const health = await readHooks(page, (h) => {
    const cy = h.graph
    const out: Record<string, boolean> = {}
    for (const n of cy?.nodes(':childless').toArray() ?? []) if (n.id().startsWith('stock-service@')) out[n.id()] = n.hasClass('health-critical')
    return out
  })
  expect(health).toEqual({
    'stock-service@east-prod-1': false, 'stock-service@east-prod-2': true,
    'stock-service@west-prod-1': false, 'stock-service@west-prod-2': true,
    'stock-service@north-prod-1': false, 'stock-service@north-prod-2': true,
  })
  const details = topology.details
  const errors = Number((await details.locator('dt:text-is("Errors") + dd').textContent())?.replace(/[^\d.]/g, ''))
  expect(errors).toBeGreaterThan(20)
  await page.screenshot({ path: testInfo.outputPath('topology-canary-clusters.png') })
})

test('grouped by data centre: labelled boxes that open and close, not copies of the graph side by side without names', async ({ page }, testInfo) => {
  await TopologyPage.open(page, 'groupBy=dc&live=0')
  const groups = page.getByRole('group', { name: 'Data centres' })
  // 119 nodes are too many to read: every DC starts closed, one node each
  await expect.poll(async () => await readHooks(page, (h) => (h.graph?.nodes(':childless').toArray() ?? []).map((n) => n.id()).sort())).toEqual(['group:dc-east', 'group:dc-north', 'group:dc-west'])
  // three closed groups are not blown up to fill the screen
  const closed = await readHooks(page, (h) => {
    const cy = h.graph
    const east = cy?.getElementById('group:dc-east')
    return { zoom: cy?.zoom() ?? 0, label: String(east?.style('label') ?? ''), ok: east?.hasClass('health-ok') ?? false }
  })
  expect(closed.zoom).toBeLessThanOrEqual(1)
  // its colour and mark say its own error rate (well under 1 %), the members' verdicts are counted apart, not painted on it
  expect(closed.ok).toBe(true)
  expect(closed.label).toMatch(/^dc-east \(41\)\nmembers(:)? ✖ 3/)
  expect(closed.label).not.toMatch(/^✖/)
  // with every group closed there is no entry to scale: the what-if says why instead of an empty list
  await expect(page.getByTestId('whatif-no-entry')).toContainText('open a group')
  await page.getByRole('list', { name: 'Nodes of the graph' }).getByRole('button', { name: /^dc-east \(41\)/ }).click()
  await expect(page.getByTestId('group-health')).toContainText(/Healthy on its own error rate \(0\.\d+ % of all its members’ calls\)/)
  await expect(page.getByTestId('group-members-health')).toContainText(/Worst member: ✖ \S+ \(dc-east\) critical · 41 members: 3 critical/)
  await groups.getByRole('button', { name: /dc-west/ }).click()
  await expect(page).toHaveURL(/open=dc-west/)
  await expect(groups.getByRole('button', { name: /dc-west/ })).toHaveAttribute('aria-pressed', 'true')
  const box = () =>
    readHooks(page, (h) => {
      const cy = h.graph
      const b = cy?.getElementById('box:dc:dc-west')
      if (!b || b.empty()) return null
      const z = cy?.zoom() ?? 1
      return { label: b.style('label'), px: parseFloat(b.style('font-size')) * z, members: (cy?.nodes(':childless').toArray() ?? []).filter((n) => n.id().endsWith('@dc-west')).length }
    })
  await expect.poll(async () => (await box())?.members ?? 0).toBeGreaterThan(30)
  const read = await box()
  // the box says which DC, how many nodes and how many are critical, legibly
  expect(read?.label).toMatch(/dc-west · \d+ nodes/)
  expect(read?.px).toBeGreaterThanOrEqual(11)
  await page.screenshot({ path: testInfo.outputPath('topology-dc-open.png') })
  // closing it again from the chips
  await groups.getByRole('button', { name: 'close all' }).click()
  await expect.poll(async () => await box()).toBeNull()
})

test('at 1280×720 an open data centre holds its members with legible names beside the closed ones', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 })
  await TopologyPage.open(page, 'groupBy=dc&open=dc-east&live=0')
  await expect.poll(async () => await readHooks(page, (h) => (h.graph?.nodes(':childless').toArray() ?? []).filter((n) => n.id().endsWith('@dc-east') && n.style('label') !== '').length), { timeout: 15_000 }).toBeGreaterThan(12)
  const read = await readHooks(page, (h) => {
    const cy = h.graph
    if (!cy) throw new Error('no graph')
    const z = cy.zoom()
    const box = cy.getElementById('box:dc:dc-east').boundingBox({ includeLabels: false })
    const inside = (b: { x1: number; x2: number; y1: number; y2: number }) => b.x1 >= box.x1 && b.x2 <= box.x2 && b.y1 >= box.y1 && b.y2 <= box.y2
    const members = cy.nodes(':childless').toArray().filter((n) => n.id().endsWith('@dc-east'))
    const ext = cy.extent()
    return {
      zoom: z,
      drawn: members.filter((n) => n.style('label') !== '').map((n) => ({ id: n.id(), text: n.style('label'), px: parseFloat(n.style('font-size')) * z })),
      outside: members.filter((n) => !inside(n.boundingBox({ includeLabels: true }))).map((n) => n.id()),
      // the closed DCs beside the box are on screen, labels and all
      closedOnScreen: ['group:dc-north', 'group:dc-west'].every((id) => {
        const b = cy.getElementById(id).boundingBox({ includeLabels: true })
        return b.x1 >= ext.x1 && b.x2 <= ext.x2 && b.y1 >= ext.y1 && b.y2 <= ext.y2
      }),
    }
  })
  for (const n of read.drawn) expect(n.px, n.id).toBeGreaterThanOrEqual(11)
  // inside the box a member says its service (the box says the DC); the failing ones keep their names
  for (const id of ['stock-service@dc-east', 'checkout-bff@dc-east', 'order-service@dc-east']) expect(read.drawn.find((n) => n.id === id)?.text).toMatch(/^✖ [a-z-]+$/)
  expect(read.outside).toEqual([])
  expect(read.closedOnScreen).toBe(true)
})

test('grouped by version, the canary stock-service v2.14.0 stands beside v2.13.4, each with its own calls, legibly at 1280×720', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 })
  await TopologyPage.open(page, 'live=0')
  await page.getByRole('combobox', { name: 'Group by' }).selectOption('version')
  await expect(page).toHaveURL(/groupBy=version/)
  const fresh = 'stock-service@v2.14.0'
  const prev = 'stock-service@v2.13.4'
  // once names that would overlap are left out (some are at this size), both versions keep theirs
  await expect.poll(async () => await readHooks(page, (h) => (h.graph?.nodes().toArray() ?? []).some((n) => n.data('declutter') === 2)), { timeout: 15_000 }).toBe(true)
  await expect.poll(async () => await readHooks(page, (h, ids) => ids.every((id) => (h.graph?.getElementById(id).style('label') ?? '') !== ''), [fresh, prev]), { timeout: 15_000 }).toBe(true)
  const read = await readHooks(page, (h, ids) => {
    const cy = h.graph
    if (!cy) throw new Error('no graph')
    const z = cy.zoom()
    return ids.map((id) => {
      const n = cy.getElementById(id)
      return {
        id,
        text: n.style('label'),
        px: parseFloat(n.style('font-size')) * z,
        critical: n.hasClass('health-critical'),
        callers: cy.edges().toArray().filter((e) => e.target().id() === id).map((e) => e.source().id().replace(/@.*/, '')).sort(),
        failing: cy.edges().toArray().some((e) => e.target().id() === id && e.hasClass('tone-critical')),
      }
    })
  }, [fresh, prev])
  const [a, b] = read
  expect(a.text).toMatch(/stock-service v2\.14\.0/)
  expect(b.text).toMatch(/stock-service v2\.13\.4/)
  for (const n of read) expect(n.px, n.id).toBeGreaterThanOrEqual(11)
  // the canary fails (ReserveStock's panics), the version it replaces does not, though the service's alert fires
  expect(a.critical).toBe(true)
  expect(b.critical).toBe(false)
  // its callers call both versions; the failing calls are those into the canary
  expect(a.callers).toEqual(b.callers)
  expect(a.failing).toBe(true)
  expect(b.failing).toBe(false)
  await expect(page.getByTestId('legend-versions')).toContainText(/stock-service ran v2\.13\.4 \(previous\) and v2\.14\.0 \(deployed \d\d:\d\d:\d\d UTC, canary\)/)
})
