import { heapMB, newLongTaskPage, rowFrames, watchRowFrames } from '../support.mjs'
// The trace page's other views on the synthetic big traces, side by side with the Gantt on the
// same trace: the flame graph and the per-trace service graph of the 100k-span trace (each timed
// from the click on its tab, once the whole trace is loaded and its Gantt shown), a zoom into a
// flame frame, and the comparison of two 50k-span traces with a scroll through its rows.
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { build } from 'rolldown'

const PINNED = '2026-11-23T10:00:00.000Z'

async function catalogue(root) {
  const file = path.join(os.tmpdir(), `tracelens-catalogue-views-${process.pid}.mjs`)
  await build({ input: path.join(root, 'mocks/synthetic/catalogue.ts'), output: { file, format: 'esm' }, write: true, logLevel: 'silent' })
  return import(pathToFileURL(file).href)
}

const url = (baseUrl, p) => `${baseUrl}${p}${p.includes('?') ? '&' : '?'}now=${encodeURIComponent(PINNED)}&latency=0`

/** Opens the trace's Gantt and waits for the whole trace; returns the page and when the Gantt was whole. */
async function openGantt(browser, baseUrl, id) {
  const { context, page } = await newLongTaskPage(browser)
  await watchRowFrames(page)
  await page.goto(url(baseUrl, `/traces/${id}`))
  const f = await rowFrames(page, 180_000)
  return { context, page, whole: f.gantt }
}

/**
 * Clicks a view tab and waits, in the page, for `ready()` to hold; returns ms from the click to
 * the frame after it held, and the long tasks in between.
 */
async function timeTab(page, tab, ready) {
  return page.evaluate(
    async ({ tab, ready }) => {
      const done = new Function(`return (${ready})()`)
      const btn = [...document.querySelectorAll('[role="tab"]')].find((b) => b.textContent === tab)
      const t0 = performance.now()
      btn.click()
      for (;;) {
        await new Promise((r) => requestAnimationFrame(r))
        if (done()) break
      }
      await new Promise((r) => requestAnimationFrame(r))
      const t1 = performance.now()
      const tasks = window.__longTasks.filter((x) => x.start >= t0 && x.start <= t1)
      return { ms: t1 - t0, longest: tasks.reduce((m, x) => Math.max(m, x.duration), 0), longTasks: tasks.length }
    },
    { tab, ready: ready.toString() },
  )
}

export const cases = [
  {
    name: 'trace-views: flame graph and service graph of 100k spans',
    run: async ({ browser, baseUrl, record, root }) => {
      const { bigTraceId } = await catalogue(root ?? process.cwd())
      const id = bigTraceId(100_000)
      const warm = await openGantt(browser, baseUrl, id)
      await warm.context.close()

      const g = await openGantt(browser, baseUrl, id)
      record('Gantt of the same trace: whole trace shown from navigation (incl. synthetic generation)', g.whole, 'ms', { note: 'for side-by-side reading' })
      const before = await heapMB(g.page)
      const flame = await timeTab(g.page, 'Flame graph', () => (window.__tracelensFlame?.length ?? 0) > 0)
      record('flame graph: tab click → drawn (trace already loaded; worker compute included)', flame.ms, 'ms', { target: '< 1000 ms', note: `Jaeger UI: 18 s at 100k; longest task ${Math.round(flame.longest)} ms` })
      const after = await heapMB(g.page)
      record('flame graph: JS heap added (page)', after - before, 'MB', { target: '< 50 MB', note: `${before.toFixed(1)} → ${after.toFixed(1)} MB after GC; Jaeger UI: 830 MB` })

      // zoom: click the widest frame of the second row and time to the next paint of the canvas
      const zoom = await g.page.evaluate(async () => {
        const frames = window.__tracelensFlame.filter((f) => f.y > 0 && f.w > 20).sort((a, b) => b.w - a.w)
        const f = frames[1] ?? frames[0]
        const c = document.querySelector('[data-testid="flame-canvas"]')
        const r = c.getBoundingClientRect()
        const paints = () => performance.getEntriesByName('tracelens:flame-paint').length
        const n0 = paints()
        const t0 = performance.now()
        c.dispatchEvent(new MouseEvent('click', { bubbles: true, clientX: r.left + f.x + f.w / 2, clientY: r.top + f.y + 10 }))
        for (;;) {
          await new Promise((res) => requestAnimationFrame(res))
          if (paints() > n0) break
          if (performance.now() - t0 > 10_000) break
        }
        await new Promise((res) => requestAnimationFrame(res))
        return { ms: performance.now() - t0, label: f.label }
      })
      record('flame graph: click on a frame → zoomed and painted', zoom.ms, 'ms', { target: '< 100 ms', note: `frame "${zoom.label}"` })

      const graph = await timeTab(g.page, 'Service graph', () => (window.__tracelensGraph?.nodes().length ?? 0) > 0 && !!document.querySelector('[data-testid="tgraph-summary"]'))
      record('service graph: tab click → drawn (trace already loaded; worker compute included)', graph.ms, 'ms', { target: '< 1000 ms', note: 'Jaeger UI: 13 s at 10k, tab crash at 100k' })
      record('service graph: longest task, click → drawn', graph.longest, 'ms', { target: '≤ 200 ms', note: `${graph.longTasks} tasks > 50 ms` })
      await g.context.close()

      // the flame graph opened directly (?view=flame): nothing prepared, from the trace's last byte
      const { context, page } = await newLongTaskPage(browser)
      await page.goto(url(baseUrl, `/traces/${id}?view=flame`))
      await page.waitForFunction(() => (window.__tracelensFlame?.length ?? 0) > 0, undefined, { timeout: 180_000 })
      const direct = await page.evaluate(() => {
        const reqs = performance.getEntriesByType('resource').filter((e) => /\/api\/v1\/traces\/[0-9a-f]+/.test(e.name))
        const loaded = Math.max(...reqs.map((r) => r.responseEnd))
        const paint = performance.getEntriesByName('tracelens:flame-paint')[0]
        const drawn = paint.startTime + paint.duration
        const tasks = window.__longTasks.filter((x) => x.start >= loaded && x.start <= drawn)
        return { ms: drawn - loaded, longest: tasks.reduce((m, x) => Math.max(m, x.duration), 0) }
      })
      record('flame graph opened directly (view=flame): trace\'s last byte → drawn', direct.ms, 'ms', { target: '< 1000 ms', note: `tree, packing and aggregation after the trace arrived; longest task ${Math.round(direct.longest)} ms` })
      await context.close()
    },
  },
  {
    name: 'trace-views: compare two 50k-span traces',
    run: async ({ browser, baseUrl, record, root }) => {
      const { bigTraceId, bigMixedTraceId } = await catalogue(root ?? process.cwd())
      // the batch traces align into a handful of paths; the mixed ones into thousands (a row each)
      await comparePair(browser, baseUrl, record, 'batch job', bigTraceId(50_000), bigTraceId(49_999), false)
      await comparePair(browser, baseUrl, record, 'mixed requests', bigMixedTraceId(50_000), bigMixedTraceId(49_999), true)
    },
  },
]

/** Opens the comparison of `a` and `b` (once to warm up, once measured); times the rows and, when `scroll`, scrolls them. */
async function comparePair(browser, baseUrl, record, label, a, b, scroll) {
  const open = async () => {
    const { context, page } = await newLongTaskPage(browser)
    await page.goto(url(baseUrl, `/traces/compare?a=${a}&b=${b}`))
    await page.waitForSelector('[data-testid="cmp-row"]', { timeout: 180_000 })
    return { context, page }
  }
  const warm = await open()
  await warm.context.close()
  const { context, page } = await open()
  const t = await page.evaluate(() => {
    const reqs = performance.getEntriesByType('resource').filter((e) => /\/api\/v1\/traces\/[0-9a-f]+/.test(e.name))
    const loaded = Math.max(...reqs.map((r) => r.responseEnd))
    const rows = performance.now()
    const tasks = window.__longTasks.filter((x) => x.start >= loaded)
    return { loaded, rows, requests: reqs.length, longest: tasks.reduce((m, x) => Math.max(m, x.duration), 0) }
  })
  const rowCount = Number((await page.evaluate(() => document.querySelector('[aria-label="Paths of both traces"]')?.getAttribute('aria-rowcount'))) ?? 1) - 1
  record(`compare (${label}): both traces' last byte → rows on screen (packing, tree, alignment in the worker, render)`, t.rows - t.loaded, 'ms', {
    target: '< 2000 ms',
    note: `${rowCount} rows; upper bound: read after the rows appeared; ${t.requests} trace requests; rows at ${Math.round(t.rows)} ms from navigation; longest task after the last byte ${Math.round(t.longest)} ms`,
  })
  if (scroll) {
    // a row per path, largest difference first: scroll them in 100 px steps, one per frame
    const frames = await page.evaluate(async () => {
      const el = document.querySelector('[data-testid="cmp-scroll"]')
      const out = []
      let last = await new Promise((r) => requestAnimationFrame(r))
      const end = Math.min(30_000, el.scrollHeight - el.clientHeight)
      for (let y = 100; y <= end; y += 100) {
        el.scrollTop = y
        const t = await new Promise((r) => requestAnimationFrame(r))
        out.push(t - last)
        last = t
      }
      return { out, height: el.scrollHeight }
    })
    const sorted = [...frames.out].sort((x, y) => x - y)
    record(`compare (${label}): scroll the rows, worst frame`, sorted[sorted.length - 1] ?? 0, 'ms', {
      target: '≤ 50 ms',
      note: `${frames.out.length} steps of 100 px over ${Math.round(frames.height)} px; ${rowCount} rows; median ${Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0)} ms; ${frames.out.filter((f) => f > 50).length} frames > 50 ms`,
    })
  }
  await context.close()
}
