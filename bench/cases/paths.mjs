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
    // the synthetic world's busiest entry (the most nodes in its tree: mobile-gateway POST /m/checkout,
    // about 60; no entry of the world has hundreds), 2,000 traces analysed, its tree fully expanded,
    // scrolled top to bottom 30 px a frame
    name: 'paths: scroll the path tree of the busiest entry',
    run: async ({ browser, baseUrl, record }) => {
      const { context, page } = await newLongTaskPage(browser)
      await page.addInitScript(() => {
        window.__loaf = []
        try {
          new PerformanceObserver((l) => {
            for (const e of l.getEntries()) window.__loaf.push({ start: e.startTime, duration: e.duration })
          }).observe({ type: 'long-animation-frame', buffered: true })
        } catch {
          // no long-animation-frame entries in this browser
        }
      })
      const now = Date.parse('2026-11-23T10:00:00.000Z')
      await page.goto(`${baseUrl}/paths?now=2026-11-23T10:00:00.000Z&latency=0&service=mobile-gateway&operation=${encodeURIComponent('POST /m/checkout')}&from=${now - 3_600_000}&to=${now}&n=2000`)
      const tree = page.getByRole('treegrid')
      await tree.waitFor({ timeout: 180_000 })
      await page.getByText(/Early answer/).waitFor({ state: 'detached', timeout: 180_000 })
      const rows = Number(await tree.getAttribute('aria-rowcount')) - 1
      const r = await page.getByTestId('paths-tree-scroll').evaluate(async (el) => {
        const frame = () => new Promise((res) => requestAnimationFrame(res))
        el.scrollTop = 0
        await frame()
        await frame()
        const t0 = performance.now()
        let last = t0
        let worst = 0
        let frames = 0
        while (el.scrollTop + el.clientHeight < el.scrollHeight - 1) {
          el.scrollTop += 30
          const t = await frame()
          worst = Math.max(worst, t - last)
          last = t
          frames++
        }
        await frame()
        const t1 = performance.now()
        const within = (x) => x.start >= t0 && x.start <= t1
        return {
          worst,
          frames,
          ms: t1 - t0,
          longTasks: window.__longTasks.filter(within).map((x) => x.duration),
          loaf: window.__loaf.filter(within).map((x) => x.duration),
          drawn: el.querySelectorAll('tbody tr[data-index]').length,
          scrollHeight: el.scrollHeight,
          clientHeight: el.clientHeight,
        }
      })
      const note = `${rows} rows (${r.drawn} in the DOM at the end), ${r.frames} frames over ${r.scrollHeight - r.clientHeight} px`
      record('worst frame scrolling the tree (rAF delta)', r.worst, 'ms', { target: '< 50 ms', note })
      record('long tasks while scrolling', r.longTasks.length, '', { target: '0', note: r.longTasks.length ? `longest ${Math.round(Math.max(...r.longTasks))} ms` : '' })
      record('long animation frames while scrolling', r.loaf.length, '', { note: r.loaf.length ? `longest ${Math.round(Math.max(...r.loaf))} ms` : 'none over 50 ms' })
      await context.close()
    },
  },
]
