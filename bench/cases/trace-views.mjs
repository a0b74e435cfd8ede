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
      const scripts = await window.__longestFrameScripts(t0, t1)
      return { ms: t1 - t0, longest: tasks.reduce((m, x) => Math.max(m, x.duration), 0), longTasks: tasks.length, scripts }
    },
    { tab, ready: ready.toString() },
  )
}

/**
 * Opens the trace at `view` straight from a link and notes, in the page, the frame after `ready()`
 * first held. Records the time from the trace being loaded (the last byte of its answer: the
 * page still has to parse what came last, build the tree and the view) to that frame, the longest
 * task in between, and the time from navigation (synthetic generation and streaming included).
 */
async function openDirect(browser, baseUrl, record, id, view, label, ready, target, jaeger) {
  const { context, page } = await newLongTaskPage(browser)
  await page.addInitScript((ready) => {
    window.__loaf = []
    new PerformanceObserver((l) => window.__loaf.push(...l.getEntries())).observe({ type: 'long-animation-frame', buffered: true })
    const done = new Function(`return (${ready})()`)
    const tick = () => {
      if (done()) requestAnimationFrame(() => (window.__viewDrawn = performance.now()))
      else requestAnimationFrame(tick)
    }
    // checked every frame only once the trace's answer is in (a frame loop during the load would
    // make the page draw frames it does not ask for)
    const seen = new PerformanceObserver((l) => {
      if (!l.getEntries().some((e) => /\/api\/v1\/traces\/[0-9a-f]+/.test(e.name))) return
      seen.disconnect()
      requestAnimationFrame(tick)
    })
    seen.observe({ type: 'resource', buffered: true })
  }, ready.toString())
  await page.goto(url(baseUrl, `/traces/${id}?view=${view}`))
  await page.waitForFunction(() => window.__viewDrawn != null, undefined, { timeout: 180_000 })
  const r = await page.evaluate(() => {
    const reqs = performance.getEntriesByType('resource').filter((e) => /\/api\/v1\/traces\/[0-9a-f]+/.test(e.name))
    const loaded = Math.max(...reqs.map((q) => q.responseEnd))
    const drawn = window.__viewDrawn
    const tasks = window.__longTasks.filter((x) => x.start >= loaded && x.start <= drawn)
    // the longest animation frame after the last byte and the scripts it ran (what the long task was)
    const worst = window.__loaf.filter((e) => e.startTime + e.duration >= loaded && e.startTime <= drawn).reduce((w, e) => (!w || e.duration > w.duration ? e : w), null)
    const scripts = worst
      ? worst.scripts.map((x) => `${x.invoker || '?'} → ${x.sourceFunctionName || '?'} ${Math.round(x.duration)} ms`).slice(0, 3).join('; ') +
        ` (frame ${Math.round(worst.duration)} ms, its style and layout ${Math.round(worst.styleAndLayoutStart ? worst.startTime + worst.duration - worst.styleAndLayoutStart : 0)} ms)`
      : ''
    return { ms: drawn - loaded, nav: drawn, loaded, longest: tasks.reduce((m, x) => Math.max(m, x.duration), 0), n: tasks.length, scripts }
  })
  record(`${label} opened directly (view=${view}): longest task after the last byte`, r.longest, 'ms', {
    target: view === 'graph' ? '≤ 200 ms' : '',
    note: `${r.n} tasks over 50 ms; the longest animation frame's scripts: ${r.scripts || 'none'}`,
  })
  record(`${label} opened directly (view=${view}): trace loaded (its last byte) → drawn`, r.ms, 'ms', {
    target,
    note: `parse of the last lines, tree, hand-over to the worker, aggregation, drawing; longest task ${Math.round(r.longest)} ms (${r.n} over 50 ms); ${jaeger}`,
  })
  record(`${label} opened directly (view=${view}): navigation → drawn`, r.nav, 'ms', { note: `not the target's interval: includes generating and streaming the trace (last byte at ${Math.round(r.loaded)} ms)` })
  await context.close()
  return r
}

/**
 * The Gantt opened from a link, timed as the views above: from the trace's last byte to the frame
 * that paints the complete Gantt, with the longest task in between.
 */
async function openGanttDirect(browser, baseUrl, record, id, label) {
  const { context, page } = await newLongTaskPage(browser)
  await watchRowFrames(page)
  await page.goto(url(baseUrl, `/traces/${id}`))
  const f = await rowFrames(page, 180_000)
  const r = await page.evaluate((drawn) => {
    const reqs = performance.getEntriesByType('resource').filter((e) => /\/api\/v1\/traces\/[0-9a-f]+/.test(e.name))
    const loaded = Math.max(...reqs.map((q) => q.responseEnd))
    const tasks = window.__longTasks.filter((x) => x.start >= loaded && x.start <= drawn)
    return { ms: drawn - loaded, longest: tasks.reduce((m, x) => Math.max(m, x.duration), 0), n: tasks.length }
  }, f.gantt)
  record(`Gantt of the ${label} opened from a link: trace loaded (its last byte) → whole Gantt drawn`, r.ms, 'ms', {
    note: `the same interval as the views opened from a link; longest task ${Math.round(r.longest)} ms (${r.n} over 50 ms)`,
  })
  await context.close()
  return r
}

/**
 * `record` for a series of rounds: keeps every run of each metric and, at the end, records the
 * median with every run (in the order taken) in the note.
 */
function seriesRecorder(record) {
  const runs = new Map()
  const rec = (metric, value, unit, extra = {}) => {
    const m = runs.get(metric) ?? { unit, extra, values: [] }
    m.values.push(value)
    runs.set(metric, m)
  }
  rec.flush = () => {
    for (const [metric, { unit, extra, values }] of runs) {
      const sorted = [...values].sort((x, y) => x - y)
      const mid = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2
      record(`${metric} (median of ${values.length})`, mid, unit, {
        target: extra.target,
        note: `runs in order: ${values.map((v) => Math.round(v)).join(', ')} ${unit}; last run: ${extra.note ?? ''}`,
      })
    }
  }
  return rec
}

/** rounds of the interleaved series (TRACE_VIEWS_ROUNDS): every view and the Gantt once per round */
const ROUNDS = Number(process.env.TRACE_VIEWS_ROUNDS ?? 0)

const flameReady = () => (window.__tracelensFlame?.length ?? 0) > 0
const graphReady = () => (window.__tracelensGraph?.nodes().length ?? 0) > 0 && !!document.querySelector('[data-testid="tgraph-summary"]')

/** One round of the interleaved series: each view opened from a link beside the Gantt of the same traces. */
async function round(browser, baseUrl, record, ids) {
  const { id100k, mixedA, mixedB, batchA, batchB } = ids
  await openGanttDirect(browser, baseUrl, record, id100k, '100k-span trace')
  await openDirect(browser, baseUrl, record, id100k, 'flame', 'flame graph', flameReady, '< 1000 ms', 'Jaeger UI: 18 s at 100k')
  await openDirect(browser, baseUrl, record, id100k, 'graph', 'service graph', graphReady, '< 1000 ms', 'Jaeger UI: tab crash at 100k')
  const g = await openGantt(browser, baseUrl, id100k)
  const before = await heapMB(g.page)
  const flame = await timeTab(g.page, 'Flame graph', flameReady)
  record('flame graph: tab click → drawn (trace already loaded)', flame.ms, 'ms', { target: '< 1000 ms', note: `longest task ${Math.round(flame.longest)} ms` })
  const after = await heapMB(g.page)
  record('flame graph: JS heap added (page, after GC)', after - before, 'MB', { target: '< 50 MB', note: `${before.toFixed(1)} → ${after.toFixed(1)} MB; the worker's heap not included` })
  const zoom = await zoomFrame(g.page)
  record('flame graph: click on a frame → zoomed and painted', zoom.ms, 'ms', { target: '< 100 ms', note: `frame "${zoom.label}"` })
  const graph = await timeTab(g.page, 'Service graph', graphReady)
  record('service graph: tab click → drawn (trace already loaded)', graph.ms, 'ms', { target: '< 1000 ms', note: `longest task ${Math.round(graph.longest)} ms; ${graph.scripts}` })
  await g.context.close()
  await openGanttDirect(browser, baseUrl, record, mixedA, '50k-span mixed trace A')
  await openGanttDirect(browser, baseUrl, record, mixedB, '50k-span mixed trace B')
  await comparePair(browser, baseUrl, record, 'mixed requests', mixedA, mixedB, true, false)
  await comparePair(browser, baseUrl, record, 'batch job', batchA, batchB, false, false)
}

/** Clicks the widest frame of the second row and times it to the next paint of the canvas. */
async function zoomFrame(page) {
  return page.evaluate(async () => {
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
}

export const cases = [
  {
    name: 'trace-views: interleaved rounds with the Gantt',
    run: async ({ browser, baseUrl, record, root }) => {
      if (ROUNDS < 1) {
        console.log('  set TRACE_VIEWS_ROUNDS to run the interleaved series (rounds of every view and the Gantt on the same traces)')
        return
      }
      const { bigTraceId, bigMixedTraceId } = await catalogue(root ?? process.cwd())
      const ids = { id100k: bigTraceId(100_000), mixedA: bigMixedTraceId(50_000), mixedB: bigMixedTraceId(49_999), batchA: bigTraceId(50_000), batchB: bigTraceId(49_999) }
      // one warm-up (the browser's caches of the build), not recorded
      await openGanttDirect(browser, baseUrl, () => undefined, ids.id100k, 'warm-up')
      const rec = seriesRecorder(record)
      for (let i = 0; i < ROUNDS; i++) {
        console.log(`  round ${i + 1} of ${ROUNDS}`)
        await round(browser, baseUrl, rec, ids)
      }
      rec.flush()
    },
  },
  {
    name: 'trace-views: flame graph and service graph of 100k spans',
    run: async ({ browser, baseUrl, record, root }) => {
      if (ROUNDS >= 1) return
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

      const zoom = await zoomFrame(g.page)
      record('flame graph: click on a frame → zoomed and painted', zoom.ms, 'ms', { target: '< 100 ms', note: `frame "${zoom.label}"` })

      const graph = await timeTab(g.page, 'Service graph', () => (window.__tracelensGraph?.nodes().length ?? 0) > 0 && !!document.querySelector('[data-testid="tgraph-summary"]'))
      record('service graph: tab click → drawn (trace already loaded; worker compute included)', graph.ms, 'ms', { target: '< 1000 ms', note: 'Jaeger UI: 13 s at 10k, tab crash at 100k' })
      record('service graph: longest task, click → drawn', graph.longest, 'ms', { target: '≤ 200 ms', note: `${graph.longTasks} tasks > 50 ms${graph.scripts ? `; scripts of the longest frame: ${graph.scripts}` : ''}` })
      await g.context.close()

      // the flame graph and the service graph opened directly (?view=flame, ?view=graph): nothing
      // prepared; timed from the trace being loaded (its last byte), and from navigation
      await openDirect(browser, baseUrl, record, id, 'flame', 'flame graph', () => (window.__tracelensFlame?.length ?? 0) > 0, '< 1000 ms', 'Jaeger UI: 18 s at 100k')
      await openDirect(browser, baseUrl, record, id, 'graph', 'service graph', () => (window.__tracelensGraph?.nodes().length ?? 0) > 0 && !!document.querySelector('[data-testid="tgraph-summary"]'), '< 1000 ms', 'Jaeger UI: tab crash at 100k')
    },
  },
  {
    name: 'trace-views: compare two 50k-span traces',
    run: async ({ browser, baseUrl, record, root }) => {
      if (ROUNDS >= 1) return
      const { bigTraceId, bigMixedTraceId } = await catalogue(root ?? process.cwd())
      // the batch traces align into a handful of paths; the mixed ones into thousands (a row each)
      await comparePair(browser, baseUrl, record, 'batch job', bigTraceId(50_000), bigTraceId(49_999), false)
      await comparePair(browser, baseUrl, record, 'mixed requests', bigMixedTraceId(50_000), bigMixedTraceId(49_999), true)
    },
  },
]

/**
 * Scrolls the element `selector` from top to bottom (or `limit` px) in `step` px steps, one per animation frame,
 * and returns the time between frames (rAF deltas: what the user sees) and the long animation
 * frames the page reported meanwhile (the page's own work per frame, with the scripts it ran).
 */
async function scrollFrames(page, selector, step, limit = Infinity) {
  return page.evaluate(
    async ({ selector, step, limit }) => {
      const el = document.querySelector(selector)
      const loaf = []
      const obs = new PerformanceObserver((l) => {
        for (const e of l.getEntries()) loaf.push(e)
      })
      obs.observe({ type: 'long-animation-frame' })
      const out = []
      el.scrollTop = 0
      let last = await new Promise((r) => requestAnimationFrame(r))
      const t0 = last
      const end = Math.min(limit ?? Infinity, el.scrollHeight - el.clientHeight)
      for (let y = step; y < end + step; y += step) {
        el.scrollTop = Math.min(y, end)
        const t = await new Promise((r) => requestAnimationFrame(r))
        out.push(t - last)
        last = t
      }
      await new Promise((r) => setTimeout(r, 100))
      obs.disconnect()
      const frames = loaf.filter((e) => e.startTime >= t0)
      const worst = frames.reduce((w, e) => (!w || e.duration > w.duration ? e : w), null)
      const scripts = worst ? worst.scripts.map((x) => `${x.invoker || x.sourceFunctionName} ${Math.round(x.duration)} ms`).slice(0, 3).join(', ') : ''
      return {
        deltas: out,
        height: el.scrollHeight,
        scrolled: end,
        whole: end >= el.scrollHeight - el.clientHeight,
        loafWorst: worst ? worst.duration : 0,
        loafWorstBlocking: worst ? worst.blockingDuration : 0,
        loafOver50: frames.filter((e) => e.duration > 50).length,
        scripts,
      }
    },
    { selector, step, limit },
  )
}

function recordScroll(record, label, rowCount, f, step) {
  const sorted = [...f.deltas].sort((x, y) => x - y)
  const pct = (q) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0)
  record(`${label}: worst frame (time between animation frames)`, sorted[sorted.length - 1] ?? 0, 'ms', {
    target: '≤ 50 ms',
    note: `${f.deltas.length} steps of ${step} px, one per frame, over ${f.whole ? 'the whole' : 'the first'} ${Math.round(f.scrolled)} px of ${Math.round(f.height)} px (${rowCount} rows); median ${pct(0.5)} ms, 99th percentile ${pct(0.99)} ms; ${f.deltas.filter((d) => d > 50).length} frames > 50 ms`,
  })
  record(`${label}: longest animation frame (the page's own work in one frame)`, f.loafWorst, 'ms', {
    target: '≤ 50 ms',
    note: `long-animation-frame entries: ${f.loafOver50} over 50 ms; the longest blocked input for ${Math.round(f.loafWorstBlocking)} ms${f.scripts ? `; its scripts: ${f.scripts}` : ''}`,
  })
}

/**
 * Opens the comparison of `a` and `b` (once to warm up, once measured); times the rows from both
 * traces being loaded (the later last byte) to the frame that paints the first rows and, when
 * `scroll`, scrolls the whole merged tree and the first 30,000 px of the ranked list.
 */
async function comparePair(browser, baseUrl, record, label, a, b, scroll, warmUp = true) {
  const open = async () => {
    const { context, page } = await newLongTaskPage(browser)
    await page.addInitScript(() => {
      const mo = new MutationObserver(() => {
        if (!document.querySelector('[data-testid="cmp-row"]')) return
        mo.disconnect()
        requestAnimationFrame(() => (window.__cmpRows = performance.now()))
      })
      mo.observe(document, { childList: true, subtree: true })
    })
    await page.goto(url(baseUrl, `/traces/compare?a=${a}&b=${b}`))
    await page.waitForFunction(() => window.__cmpRows != null, undefined, { timeout: 180_000 })
    return { context, page }
  }
  if (warmUp) {
    const warm = await open()
    await warm.context.close()
  }
  const { context, page } = await open()
  const t = await page.evaluate(() => {
    const reqs = performance.getEntriesByType('resource').filter((e) => /\/api\/v1\/traces\/[0-9a-f]+/.test(e.name))
    const loaded = Math.max(...reqs.map((r) => r.responseEnd))
    const rows = window.__cmpRows
    const tasks = window.__longTasks.filter((x) => x.start >= loaded && x.start <= rows)
    return { loaded, rows, requests: reqs.length, longest: tasks.reduce((m, x) => Math.max(m, x.duration), 0) }
  })
  const rowCount = Number((await page.evaluate(() => document.querySelector('[aria-label="Paths of both traces"]')?.getAttribute('aria-rowcount'))) ?? 1) - 1
  record(`compare (${label}): both traces loaded (the later last byte) → rows drawn`, t.rows - t.loaded, 'ms', {
    target: '< 2000 ms',
    note: `${rowCount} rows; to the frame that paints the first rows; parse of the last lines, packing, tree and alignment in the worker, render; ${t.requests} trace requests; rows at ${Math.round(t.rows)} ms from navigation; longest task in between ${Math.round(t.longest)} ms`,
  })
  if (scroll) {
    // the ranked list (a taller row per path): its first 30,000 px
    const ranked = await scrollFrames(page, '[data-testid="cmp-scroll"]', 100, 30_000)
    recordScroll(record, `compare (${label}): scroll the ranked rows (first 30,000 px)`, rowCount, ranked, 100)
    // the merged tree, whole
    await page.getByRole('button', { name: 'Merged tree' }).click()
    await page.waitForFunction(() => new URLSearchParams(location.search).get('order') === 'tree' && !!document.querySelector('[data-testid="cmp-row"]'))
    const treeRows = Number((await page.evaluate(() => document.querySelector('[aria-label="Paths of both traces"]')?.getAttribute('aria-rowcount'))) ?? 1) - 1
    const tree = await scrollFrames(page, '[data-testid="cmp-scroll"]', 100)
    recordScroll(record, `compare (${label}): scroll the merged tree`, treeRows, tree, 100)
  }
  await context.close()
}
