import { newLongTaskPage } from '../support.mjs'
import { jaegerDependencies, LINKS, SERVICES } from '../fixtures/jaeger-dependencies.mjs'
// The topology view on a Jaeger backend whose dependency graph is as large as Jaeger's own big
// sample (1,238 services, 4,271 links; bench/fixtures/jaeger-dependencies.mjs, generated from a
// seed). The Jaeger query API is answered by the page's own routes, on the console's origin, at
// no latency: what is measured is the console. Counts the requests opening the page sends (one per
// service would be a storage query per service on a real Jaeger), the time to a drawn graph and the
// longest task from navigation until then, and the frames while panning and zooming the whole graph.

const answer = jaegerDependencies()
const names = [...new Set(answer.data.flatMap((l) => [l.parent, l.child]))].sort()

async function openOnJaeger(browser, baseUrl, query) {
  const { context, page } = await newLongTaskPage(browser)
  const requests = new Map()
  const config = { traces: { kind: 'jaeger', baseUrl: `${baseUrl}/jaeger-bench`, api: 'legacy' }, metrics: { kind: 'none' } }
  await page.route('**/config.json', (r) => r.fulfill({ json: config }))
  await page.route('**/jaeger-bench/**', (r) => {
    const p = new URL(r.request().url()).pathname.replace(/^\/jaeger-bench/, '')
    const key = p.startsWith('/api/services/') ? '/api/services/{service}/operations' : p
    requests.set(key, (requests.get(key) ?? 0) + 1)
    if (p === '/api/dependencies') return r.fulfill({ json: answer })
    if (p === '/api/services') return r.fulfill({ json: { data: names, total: names.length, limit: 0, offset: 0, errors: null } })
    if (p === '/api/operations') return r.fulfill({ json: { data: [], total: 0, limit: 0, offset: 0, errors: null } })
    return r.fulfill({ status: 404, json: { data: null, errors: [{ code: 404, msg: 'not served by the bench' }] } })
  })
  await page.addInitScript(() => {
    window.__tracelensTestHooks = true
  })
  await page.goto(`${baseUrl}/topology?${query}`)
  await page.waitForFunction(() => (window.__tracelensGraph?.nodes().length ?? 0) > 0 && !window.__tracelensGraphStats?.drawing, undefined, { timeout: 120_000, polling: 'raf' })
  const drawn = await page.evaluate(() => performance.now())
  return { context, page, drawn, requests }
}

const sumRequests = (requests) => [...requests.values()].reduce((a, b) => a + b, 0)
const describe = (requests) => [...requests].map(([k, n]) => `${k} ×${n}`).join(', ')

function loadCase(label, query) {
  return {
    name: `topology on Jaeger (${SERVICES} services, ${LINKS} links): ${label}`,
    run: async ({ browser, baseUrl, record }) => {
      const { context, page, drawn, requests } = await openOnJaeger(browser, baseUrl, query)
      try {
        // requests sent by the time the graph is drawn, and a second later (nothing asked lazily after)
        await page.waitForTimeout(1_000)
        const s = await page.evaluate(() => ({ ...window.__tracelensGraphStats, nodes: window.__tracelensGraph?.nodes(':childless').length ?? 0, edges: window.__tracelensGraph?.edges().length ?? 0 }))
        const lt = await page.evaluate(async (until) => {
          const tasks = window.__longTasks.filter((x) => x.start < until)
          const scripts = await window.__longestFrameScripts(0, until)
          return { count: tasks.length, longest: tasks.reduce((m, x) => Math.max(m, x.duration), 0), total: tasks.reduce((m, x) => m + x.duration, 0), scripts }
        }, drawn)
        record('requests to Jaeger on open', sumRequests(requests), 'requests', { target: 'no request per service', note: describe(requests) })
        record('first graph drawn', drawn, 'ms', { note: `${s.nodes} nodes, ${s.edges} edges drawn` })
        record('layout and drawing, main thread', s.lastLayoutMs, 'ms')
        if (s.lastWorkerLayoutMs) record('layout in the worker (asked → positions back)', s.lastWorkerLayoutMs, 'ms')
        record('longest task, navigation to drawn graph', lt.longest, 'ms', { target: '< 100 ms', note: `${lt.count} long tasks, ${Math.round(lt.total)} ms in all; longest animation frame ran: ${lt.scripts || 'no script named'}` })
        if (query.includes('all=1')) await panAndZoom(page, record)
      } finally {
        await context.close()
      }
    },
  }
}

/**
 * The point of the graph's background nearest to (x, y) in page pixels: outside every node that
 * would be grabbed there (its label and a 4 px margin included), where a mouse drag pans the view.
 */
async function background(page, x, y) {
  const spot = await page.evaluate(({ x, y }) => {
    const cy = window.__tracelensGraph
    const c = cy.container().getBoundingClientRect()
    const boxes = cy.nodes().filter((n) => !n.pannable()).map((n) => n.renderedBoundingBox())
    const free = (px, py) => px > 10 && py > 10 && px < c.width - 10 && py < c.height - 10 && !boxes.some((b) => px >= b.x1 - 4 && px <= b.x2 + 4 && py >= b.y1 - 4 && py <= b.y2 + 4)
    for (let r = 0; r < Math.max(c.width, c.height); r += 6) {
      for (let a = 0; a < 360; a += r === 0 ? 360 : Math.max(2, 360 / ((2 * Math.PI * r) / 6))) {
        const px = x - c.left + r * Math.cos((a * Math.PI) / 180)
        const py = y - c.top + r * Math.sin((a * Math.PI) / 180)
        if (free(px, py)) return { x: px + c.left, y: py + c.top }
      }
    }
    return null
  }, { x, y })
  if (!spot) throw new Error('no background left in the graph to start a pan from')
  return spot
}

/**
 * Frames while the whole graph is panned (mouse drags) and zoomed (wheel) at the zoom it opens at
 * and zoomed in: the time between animation frames, measured in the page, in all and by gesture
 * (a frame counts for a gesture when it overlaps its span; the bench's own work in the page between
 * gestures is in none). Two drags at the zoom it opens at, six
 * wheel steps in, two drags there, six steps out; each drag starts on the background, and is checked
 * to have moved the view by as much as the mouse.
 */
async function panAndZoom(page, record) {
  const box = await page.getByTestId('topology-graph').boundingBox()
  const cx = box.x + box.width / 2
  const cy = box.y + box.height / 2
  await page.evaluate(() => {
    window.__frames = []
    let last = performance.now()
    const loop = (t) => {
      window.__frames.push([t, t - last])
      last = t
      if (window.__frames.length < 100_000 && !window.__stopFrames) requestAnimationFrame(loop)
    }
    requestAnimationFrame(loop)
  })
  const t0 = await page.evaluate(() => performance.now())
  // the frames of each gesture's span (from just before its first event to just after its last), by kind
  const spans = { pan: [], zoom: [], zoomedPan: [] }
  const during = async (kind, act) => {
    // (after two frames, so the frame of the bench's own last work in the page has ended)
    const from = await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now())))))
    await act()
    spans[kind].push([from, await page.evaluate(() => performance.now())])
  }
  // each drag's starting point is looked for before its span begins: the search is the bench's own
  // work in the page (a task over every node's box), not a frame of the gesture
  const drag = async (kind, dx, dy) => {
    // pressed on a node, the mouse would drag that node instead of the view
    const from = await background(page, cx, cy)
    const before = await page.evaluate(() => window.__tracelensGraph.pan())
    await during(kind, async () => {
      await page.mouse.move(from.x, from.y)
      await page.mouse.down()
      for (let i = 1; i <= 20; i++) await page.mouse.move(from.x + (dx * i) / 20, from.y + (dy * i) / 20)
      await page.mouse.up()
    })
    const after = await page.evaluate(() => window.__tracelensGraph.pan())
    if (Math.abs(after.x - before.x - dx) > 2 || Math.abs(after.y - before.y - dy) > 2) throw new Error(`a drag of (${dx}, ${dy}) px moved the view by (${Math.round(after.x - before.x)}, ${Math.round(after.y - before.y)}) px: it did not pan the graph`)
  }
  await drag('pan', 200, 120)
  await drag('pan', -200, -120)
  await during('zoom', async () => {
    for (let i = 0; i < 6; i++) {
      await page.mouse.move(cx, cy)
      await page.mouse.wheel(0, -240)
      await page.waitForTimeout(60)
    }
    // the redraws after the wheel stops (labels coming into view among them) belong to the zoom
    await page.waitForTimeout(300)
  })
  await drag('zoomedPan', 300, 0)
  await drag('zoomedPan', -300, 100)
  await during('zoom', async () => {
    for (let i = 0; i < 6; i++) {
      await page.mouse.wheel(0, 240)
      await page.waitForTimeout(60)
    }
    await page.waitForTimeout(300)
  })
  const f = await page.evaluate(({ since, spans }) => {
    window.__stopFrames = true
    // frames as [end time, duration]
    const frames = window.__frames.slice(1)
    const tasks = window.__longTasks.filter((x) => x.start >= since)
    const within = (list) => frames.filter(([end, d]) => list.some(([a, b]) => end > a && end - d < b)).map(([, d]) => d)
    return { frames: within([...spans.pan, ...spans.zoom, ...spans.zoomedPan]), pan: within(spans.pan), zoom: within(spans.zoom), zoomedPan: within(spans.zoomedPan), zoomLevel: window.__tracelensGraph?.zoom() ?? 0, longTasks: tasks.length }
  }, { since: t0, spans })
  const worstOf = (list) => list.reduce((m, x) => Math.max(m, x), 0)
  const overOf = (list) => list.filter((x) => x > 50).length
  record('worst frame while panning and zooming the whole graph', worstOf(f.frames), 'ms', { target: '≤ 50 ms', note: `${overOf(f.frames)} of ${f.frames.length} frames of the gestures over 50 ms; ${f.longTasks} long tasks in the page from the first gesture on, the bench's own searches for a starting point among them` })
  record('worst frame while panning at the zoom it opens at (two drags)', worstOf(f.pan), 'ms', { target: '≤ 50 ms', note: `${overOf(f.pan)} of ${f.pan.length} frames over 50 ms` })
  record('worst frame while zooming (wheel, in and out, each with the 300 ms after)', worstOf(f.zoom), 'ms', { target: '≤ 50 ms', note: `${overOf(f.zoom)} of ${f.zoom.length} frames over 50 ms` })
  record('worst frame while panning zoomed in (two drags)', worstOf(f.zoomedPan), 'ms', { target: '≤ 50 ms', note: `${overOf(f.zoomedPan)} of ${f.zoomedPan.length} frames over 50 ms` })
}

export const cases = [
  loadCase('open (overview)', 'live=0'),
  loadCase('open, every service drawn', 'live=0&all=1'),
  loadCase('open, every service drawn, force layout', 'live=0&all=1&layout=force'),
]
