// Path analysis: 10,000 sampled traces of ~50 spans (a checkout-like tree with repeated calls, a
// concurrent fan-out and an async consumer) sent to the page's paths worker (the built
// src/features/paths/lib/paths.worker.ts) as the page sends them: packed (src/domain/trace/slim-trace.ts,
// bundled here) in batches of 25, digested and kept there, aggregated there at a tenth and at half
// of the sample (the early answers) and at the end. The worker's clock runs from reading each
// message (unpacking included) to its answer. BENCH_PATHS_OBJECTS=1 sends the traces as objects,
// the hand-over of builds before the packed one, to compare with them.
// Then the path tree of the synthetic world's busiest entry, scrolled top to bottom.
import { readFileSync, readdirSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { build } from 'rolldown'
import { newLongTaskPage } from '../support.mjs'

/** src/domain/trace/slim-trace.ts as a script for the page (window.TraceLensSlim). */
async function slimScript(root) {
  const file = path.join(os.tmpdir(), `tracelens-slim-${process.pid}.js`)
  await build({ input: path.join(root, 'src/domain/trace/slim-trace.ts'), output: { file, format: 'iife', name: 'TraceLensSlim' }, write: true, logLevel: 'silent' })
  return readFileSync(file, 'utf8')
}

function findWorker(root) {
  for (const dir of [process.env.BENCH_OUT_DIR ? `${process.env.BENCH_OUT_DIR}/assets` : null, 'dist-bench/assets', 'dist/assets'].filter(Boolean)) {
    try {
      const f = readdirSync(path.join(root, dir)).find((n) => /^paths\.worker-.*\.js$/.test(n))
      if (f) return `/assets/${f}`
    } catch {
      // folder missing: try the next
    }
  }
  throw new Error('paths.worker bundle not found')
}

export const cases = [
  {
    name: 'paths: aggregate 10,000 sampled traces of ~50 spans in the worker',
    run: async ({ browser, baseUrl, record, root }) => {
      const workerUrl = findWorker(root ?? process.cwd())
      const objects = process.env.BENCH_PATHS_OBJECTS === '1'
      const page = await browser.newPage()
      await page.goto(`${baseUrl}/paths?now=2026-11-23T10:00:00.000Z&latency=0`)
      if (!objects) await page.addScriptTag({ content: await slimScript(root ?? process.cwd()) })
      const r = await page.evaluate(async ({ url, objects }) => {
        const T0 = Date.parse('2026-11-23T09:00:00Z') * 1000
        function makeTrace(k) {
          const id = `p${k}`
          const t0 = T0 + k * 360_000
          const spans = []
          let n = 0
          const add = (parent, service, name, kind, at, dur, extra = {}, rel) => {
            const s = { traceId: id, spanId: `${id}-${n++}`, parentSpanId: parent ? parent.spanId : null, name, kind, service, startTime: t0 + at, duration: dur, status: 'ok', resource: { ServiceName: service, DC: 'dc-east' }, tags: { IsError: 0, ...extra }, events: [], metrics: {}, ...(rel ? { parentRelation: rel } : {}) }
            spans.push(s)
            return s
          }
          const call = (parent, svc, op, at, dur) => {
            const c = add(parent, parent.service, `${svc}/${op}`, 'client', at, dur, { ToService: svc, ToMethod: op })
            return add(c, svc, op, 'server', at + 50, dur - 100)
          }
          const root = add(null, 'api-gateway', 'POST /api/checkout', 'server', 0, 60_000)
          const bff = call(root, 'checkout-bff', 'PlaceOrder', 100, 59_000)
          const order = call(bff, 'order-service', 'CreateOrder', 2_000, 50_000)
          let t = 3_000
          for (let i = 0; i < 4 + (k % 3); i++) {
            const u = call(order, 'user-service', 'GetUser', t, 1_500)
            add(u, 'user-service', 'GET user', 'client', t + 100, 500, { ToService: 'redis-session', ToMethod: 'GET user' })
            t += 1_600
          }
          // a concurrent fan-out of price lookups
          for (let i = 0; i < 6; i++) {
            const p = call(order, 'pricing-service', 'GetPrice', t + i * 10, 2_000 + i * 100)
            add(p, 'pricing-service', 'GET price', 'client', t + i * 10 + 100, 400, { ToService: 'redis-product-cache', ToMethod: 'GET price' })
          }
          t += 2_700
          const pay = call(order, 'payment-service', 'Charge', t, 20_000 + (k % 97) * 100)
          add(pay, 'payment-service', 'INSERT payments', 'client', t + 500, 3_000, { ToService: 'mysql-payments', ToMethod: 'INSERT payments' })
          t += 21_000
          add(order, 'order-service', 'INSERT orders', 'client', t, 2_000 + (k % 13) * 300, { ToService: 'mysql-orders', ToMethod: 'INSERT orders' })
          const pub = add(order, 'order-service', 'publish order.created', 'producer', t + 5_000, 300, { ToService: 'mq-order-events', ToMethod: 'order.created' })
          for (const c of ['shipping-service', 'invoice-service', 'analytics-consumer']) {
            const cons = add(pub, c, 'consume order.created', 'consumer', t + 9_000, 4_000, {}, 'follows_from')
            add(cons, c, 'INSERT x', 'client', t + 9_500, 1_000, { ToService: 'mysql-orders', ToMethod: 'INSERT shipments' })
          }
          while (spans.length < 50) add(bff, 'checkout-bff', 'validate', 'internal', 500 + spans.length, 100)
          return { traceId: id, spans, sampling: { mode: 'probability', rate: 0.001, samplerRate: 0.001, triggerSpanId: null, triggerTime: null }, warnings: [] }
        }
        const traces = Array.from({ length: 10_000 }, (_, k) => makeTrace(k))
        const spanCount = traces.reduce((s, t) => s + t.spans.length, 0)
        const entry = { service: 'api-gateway', operation: 'POST /api/checkout' }
        const worker = new Worker(url, { type: 'module' })
        let id = 0
        const pending = new Map()
        worker.onmessage = (e) => { pending.get(e.data.id)?.(e.data); pending.delete(e.data.id) }
        let maxPost = 0
        let maxPack = 0
        /** posts a message; `traces` are packed first (as src/features/paths/lib/analyzer.ts does) unless sent as objects */
        const send = (msg) => new Promise((resolve) => {
          const mid = ++id
          pending.set(mid, resolve)
          const p0 = performance.now()
          let transfer = []
          if (msg.traces && !objects) {
            const slim = msg.traces.map(window.TraceLensSlim.slimTrace)
            transfer = slim.flatMap(window.TraceLensSlim.slimTransferables)
            msg = { ...msg, traces: slim }
          }
          maxPack = Math.max(maxPack, performance.now() - p0)
          worker.postMessage({ ...msg, id: mid }, transfer)
          maxPost = Math.max(maxPost, performance.now() - p0)
        })
        await send({ type: 'digest', session: 'warm', traces: [], strata: [], entry })
        const design = { strata: Array.from({ length: 10 }, () => ({ listed: 1000, scale: 1 })), total: { value: 0, se: 0, n: 0 }, listed: 10_000, listedShare: 1 }
        const win = { from: T0 / 1000, to: T0 / 1000 + 3_600_000 }
        const start = performance.now()
        const digests = []
        const early = []
        // the page's early answers: at a tenth and at half of the sample
        const marks = [1000, 5000]
        for (let k = 0; k < traces.length; k += 25) {
          const batch = traces.slice(k, k + 25)
          digests.push(send({ type: 'digest', session: 'b', traces: batch, strata: batch.map((_, i) => Math.floor((k + i) / 1000)), entry }))
          if (marks.some((m) => k < m && k + 25 >= m)) early.push(send({ type: 'aggregate', session: 'b', design, window: win, entry }))
        }
        const answers = await Promise.all(digests)
        const earlyAnswers = await Promise.all(early)
        const res = await send({ type: 'aggregate', session: 'b', design, window: win, entry })
        const total = performance.now() - start
        worker.terminate()
        const digestMs = answers.reduce((s, a) => s + a.ms, 0)
        const earlyMs = earlyAnswers.reduce((s, a) => s + a.ms, 0)
        const top = res.result.nodes.find((n) => n.operation === 'GetUser')
        return { total, digestMs, earlyMs, aggregateMs: res.ms, maxPost, maxPack, spanCount, nodes: res.result.nodes.length, used: res.result.used, getUser: top ? top.callsPerEntry.value : null }
      }, { url: workerUrl, objects })
      if (r.used !== 10_000 || !(r.getUser > 4.9 && r.getUser < 5.1)) throw new Error(`unexpected aggregate: ${JSON.stringify(r)}`)
      record('worker compute: digests + early answers + aggregate, 10,000 traces', r.digestMs + r.earlyMs + r.aggregateMs, 'ms', {
        target: '< 2000 ms',
        note: `${r.spanCount} spans, ${r.nodes} nodes; digests ${Math.round(r.digestMs)} ms (${objects ? 'sent as objects; a build before the packed hand-over starts its clock after the message is read' : 'unpacking included'}), early answers ${Math.round(r.earlyMs)} ms, final aggregation ${Math.round(r.aggregateMs)} ms`,
      })
      record('wall time, first batch sent to the final answer', r.total, 'ms', { note: 'traces already in the page; in the page they arrive over the network, 25 at a time' })
      record('longest main-thread send of a batch of 25 traces', r.maxPost, 'ms', { target: '< 50 ms', note: objects ? 'structured clone of the objects' : `packing ${Math.round(r.maxPack)} ms of it` })
      await page.close()
    },
  },
  {
    // the base world's busiest entry (the most nodes in its tree: mobile-gateway POST /m/checkout,
    // about 60 over many traces, 43 rows over the last hour), 2,000 traces analysed, its tree fully
    // expanded, scrolled top to bottom 30 px a frame
    name: 'paths: scroll the path tree of the busiest entry',
    run: (ctx) => treeCase(ctx, { scale: null, service: 'mobile-gateway', operation: 'POST /m/checkout', n: 2000, step: 30, drawings: false }),
  },
  {
    // the world at 1,000 services (?scale=1000): the extra services hang under product, user, order,
    // pricing and search operations, so GET /api/cart's tree has hundreds of nodes and GET /api/search's
    // over a thousand; 500 traces analysed (the page's default), the whole tree expanded, rendered
    // again from one row (collapse and expand the entry), scrolled top to bottom 100 px a frame (a
    // wheel notch), then switched to the icicle and the Sankey
    name: 'paths: busy entry, hundreds of nodes (scale 1000, GET /api/cart)',
    run: (ctx) => treeCase(ctx, { scale: 1000, service: 'api-gateway', operation: 'GET /api/cart', n: 500, step: 100, drawings: true }),
  },
  {
    name: 'paths: busy entry, over a thousand nodes (scale 1000, GET /api/search)',
    run: (ctx) => treeCase(ctx, { scale: 1000, service: 'api-gateway', operation: 'GET /api/search', n: 500, step: 100, drawings: true }),
  },
]

/** Long animation frames (> 50 ms) into window.__loaf, from the first script on. */
async function watchLoaf(page) {
  await page.addInitScript(() => {
    window.__loaf = []
    try {
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) window.__loaf.push({ start: e.startTime, duration: e.duration, blocking: e.blockingDuration, scripts: e.scripts.reduce((t, x) => t + x.duration, 0) })
      }).observe({ type: 'long-animation-frame', buffered: true })
    } catch {
      // no long-animation-frame entries in this browser
    }
  })
}

/**
 * Opens an entry's path tree, waits for the whole sample's answer, and measures (in the page, so no
 * poll from the bench process is counted): the render of the whole expanded tree from one row
 * (a click on the entry's toggle, twice: collapse, then expand; click → the frame after the rows
 * are in the DOM), the scroll of the whole tree top to bottom `step` px a frame (rAF deltas, long
 * tasks, long animation frames), and with `drawings` the switch to the icicle and to the Sankey
 * (click → the frame after it is drawn, longest task).
 */
async function treeCase({ browser, baseUrl, record }, o) {
  const { context, page } = await newLongTaskPage(browser)
  await watchLoaf(page)
  const now = Date.parse('2026-11-23T10:00:00.000Z')
  const q = new URLSearchParams({ now: '2026-11-23T10:00:00.000Z', latency: '0', service: o.service, operation: o.operation, from: String(now - 3_600_000), to: String(now), n: String(o.n) })
  if (o.scale) q.set('scale', String(o.scale))
  const t0 = Date.now()
  await page.goto(`${baseUrl}/paths?${q}`)
  const tree = page.getByRole('treegrid')
  await tree.waitFor({ timeout: 300_000 })
  await page.getByText(/Early answer/).waitFor({ state: 'detached', timeout: 300_000 })
  const loadS = (Date.now() - t0) / 1000
  const rows = Number(await tree.getAttribute('aria-rowcount')) - 1
  // tasks of the whole load (the early and the whole answers drawn included)
  const answerTasks = await page.evaluate(() => ({ longTasks: window.__longTasks.map((x) => x.duration) }))
  const longest = (xs) => (xs.length ? Math.round(Math.max(...xs)) : 0)
  record('load to the whole sample\'s tree (navigation → final answer shown)', loadS, 's', { note: `${rows} rows, ${o.n} traces analysed${o.scale ? `, ?scale=${o.scale}` : ''}; longest task of the whole load ${longest(answerTasks.longTasks)} ms (the world's worker and MSW included)` })
  if (o.drawings) {
    // the whole tree's render from one row: collapse the entry, then expand it
    const r = await page.getByTestId('paths-tree-scroll').evaluate(async (el) => {
      const frame = () => new Promise((res) => requestAnimationFrame(res))
      const toggle = () => el.querySelector('tbody tr[aria-level="1"] .paths-toggle')
      const timed = async (want) => {
        const t0 = performance.now()
        toggle().click()
        while (want(el.querySelectorAll('tbody tr[data-index]').length) === false) await frame()
        await frame()
        return { ms: performance.now() - t0, t0, t1: performance.now() }
      }
      await frame()
      const collapse = await timed((n) => n === 1)
      await frame()
      await frame()
      const expand = await timed((n) => n > 1)
      const within = (x) => x.start >= expand.t0 && x.start <= expand.t1
      return { collapse: collapse.ms, expand: expand.ms, longTasks: window.__longTasks.filter(within).map((x) => x.duration), loaf: window.__loaf.filter(within).map((x) => x.duration), drawn: el.querySelectorAll('tbody tr[data-index]').length }
    })
    record('render the whole expanded tree from one row (click → painted)', r.expand, 'ms', { target: 'no frame > 50 ms', note: `${rows} rows, ${r.drawn} in the DOM; long animation frames ${r.loaf.length ? r.loaf.map(Math.round).join(', ') + ' ms' : 'none'}; collapse to one row ${Math.round(r.collapse)} ms` })
  }
  const r = await page.getByTestId('paths-tree-scroll').evaluate(async (el, step) => {
    const frame = () => new Promise((res) => requestAnimationFrame(res))
    el.scrollTop = 0
    await frame()
    await frame()
    const t0 = performance.now()
    let last = t0
    let worst = 0
    let frames = 0
    const deltas = []
    while (el.scrollTop + el.clientHeight < el.scrollHeight - 1) {
      el.scrollTop += step
      const t = await frame()
      deltas.push(t - last)
      worst = Math.max(worst, t - last)
      last = t
      frames++
    }
    await frame()
    const t1 = performance.now()
    const within = (x) => x.start >= t0 && x.start <= t1
    deltas.sort((a, b) => a - b)
    return {
      worst,
      p95: deltas[Math.floor(deltas.length * 0.95)] ?? 0,
      frames,
      ms: t1 - t0,
      longTasks: window.__longTasks.filter(within).map((x) => x.duration),
      loaf: window.__loaf.filter(within).map((x) => x.duration),
      loafScripts: window.__loaf.filter(within).map((x) => x.scripts),
      drawn: el.querySelectorAll('tbody tr[data-index]').length,
      lastIndex: Number(el.querySelector('tbody tr[data-index]:last-of-type')?.getAttribute('aria-rowindex') ?? 0),
      scrollHeight: el.scrollHeight,
      clientHeight: el.clientHeight,
    }
  }, o.step)
  const note = `${rows} rows (${r.drawn} in the DOM at the end, last drawn row ${r.lastIndex - 1}), ${r.frames} frames over ${r.scrollHeight - r.clientHeight} px, ${o.step} px a frame; p95 frame ${Math.round(r.p95)} ms`
  record('worst frame scrolling the tree (rAF delta)', r.worst, 'ms', { target: '< 50 ms', note })
  record('long tasks while scrolling', r.longTasks.length, '', { target: '0', note: r.longTasks.length ? `longest ${longest(r.longTasks)} ms` : '' })
  record('long animation frames while scrolling', r.loaf.length, '', { target: '0', note: r.loaf.length ? `longest ${longest(r.loaf)} ms; the page's own scripts (the scroll handler, React, forced layout) at most ${longest(r.loafScripts)} ms of one such frame, the rest waiting for the CPU or rendering` : 'none over 50 ms' })
  if (o.drawings) {
    for (const [label, ready] of [['Icicle', '.paths-icicle'], ['Sankey', '[data-testid="path-sankey"] canvas'], ['Tree', '[data-testid="paths-tree-scroll"] tbody tr[data-index]']]) {
      const d = await page.evaluate(async ({ label, ready }) => {
        const frame = () => new Promise((res) => requestAnimationFrame(res))
        const button = [...document.querySelectorAll('.paths-switch button')].find((b) => b.textContent?.trim() === label)
        await frame()
        const t0 = performance.now()
        button.click()
        while (!document.querySelector(ready)) await frame()
        await frame()
        await frame()
        const t1 = performance.now()
        const within = (x) => x.start >= t0 && x.start <= t1
        const sankey = document.querySelector('[data-testid="path-sankey"]')
        return { ms: t1 - t0, longTasks: window.__longTasks.filter(within).map((x) => x.duration), loaf: window.__loaf.filter(within).map((x) => x.duration), cells: document.querySelectorAll('.paths-icicle-cell').length, sankeyLabel: sankey?.getAttribute('aria-label') ?? '', sankeyHeight: sankey ? sankey.getBoundingClientRect().height : 0 }
      }, { label, ready })
      const what = label === 'Icicle' ? `${d.cells} cells` : label === 'Sankey' ? `${d.sankeyLabel.replace(/^.* as a /, 'a ')}, ${Math.round(d.sankeyHeight)} px tall` : `${rows} rows`
      record(`switch to the ${label.toLowerCase()}: click → drawn`, d.ms, 'ms', { target: 'no task > 200 ms', note: `${what}; longest task ${longest(d.longTasks)} ms, long animation frames ${d.loaf.length ? d.loaf.map(Math.round).join(', ') + ' ms' : 'none'}` })
    }
  }
  await context.close()
}
