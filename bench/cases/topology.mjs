import { heapMB, newLongTaskPage } from '../support.mjs'
import { startConsoleApiServer } from '../http/console-api-server.mjs'
// Topology view on synthetic worlds of 50, 300 and 1,000 services (the `?scale=` knob).
// Measures time to the first drawn graph (the layout runs before the first paint), the layout's
// main-thread time, long tasks while loading, one live refresh tick, moved nodes across ticks,
// and JS heap over many fast refreshes. The synthetic backend answers on the page's main thread
// (MSW) but computes in a worker, so long tasks are the console's own; the graph update time is recorded apart.
const SCALES = [50, 300, 1000]

let httpBackend = null
/** The console API over plain HTTP in Node (started once, kept for the run), for the cases against a real backend. */
async function backend(root) {
  httpBackend ??= startConsoleApiServer({ root, port: Number(process.env.BENCH_PORT ?? 4300) + 104, nowMs: null })
  return httpBackend
}

export async function teardown() {
  if (httpBackend) await (await httpBackend).close()
  httpBackend = null
}

/**
 * The topology page; with `api`, against the console API served over HTTP (config.json routed to
 * it, as a deployment would configure it): no service worker and no world in the browser.
 */
async function openTopology(browser, baseUrl, query, api = null) {
  const { context, page } = await newLongTaskPage(browser)
  if (api) {
    const config = { traces: { kind: 'console', baseUrl: api.url }, metrics: { kind: 'console', baseUrl: api.url } }
    await page.route('**/config.json', (r) => r.fulfill({ json: config }))
    // the graph's hooks, which the console exposes by itself only with the synthetic backend
    await page.addInitScript(() => {
      window.__tracelensTestHooks = true
    })
  }
  await page.goto(`${baseUrl}/topology?latency=0&${query}`)
  await page.waitForFunction(() => (window.__tracelensGraph?.nodes().length ?? 0) > 0 && !window.__tracelensGraphStats?.drawing, undefined, { timeout: 120_000, polling: 'raf' })
  const drawn = await page.evaluate(() => performance.now())
  return { context, page, drawn }
}

const stats = (page) => page.evaluate(() => ({ ...window.__tracelensGraphStats, nodes: window.__tracelensGraph?.nodes(':childless').length ?? 0 }))

const positions = (page) =>
  page.evaluate(() => {
    const out = {}
    window.__tracelensGraph?.nodes(':childless').forEach((n) => {
      out[n.id()] = { ...n.position() }
    })
    return out
  })

const longTasksAfter = (page, t) =>
  page.evaluate((since) => {
    const tasks = window.__longTasks.filter((x) => x.start >= since)
    return { count: tasks.length, longest: tasks.reduce((m, x) => Math.max(m, x.duration), 0) }
  }, t)


/** The world of `scale` services, in the browser (synthetic) or over HTTP: the api to open the page with, or null. */
async function worldOf(scale, overHttp, root) {
  if (!overHttp) return null
  const api = await backend(root ?? process.cwd())
  api.setWorld(scale, null)
  return api
}

const OVER_HTTP = ', console API over HTTP'

function loadCase(scale, extra, label, overHttp = false) {
  return {
    name: `topology: ${label}${overHttp ? OVER_HTTP : ''}`,
    run: async ({ browser, baseUrl, record, root }) => {
      const api = await worldOf(scale, overHttp, root)
      const { context, page, drawn } = await openTopology(browser, baseUrl, `scale=${scale}&live=0${extra}`, api)
      try {
        const s = await stats(page)
        const lt = await longTasksAfter(page, 0)
        record('first graph drawn (layout done)', drawn, 'ms', { target: scale <= 300 ? '< 2000 ms' : 'usable', note: `${s.nodes} nodes drawn` })
        record('layout main thread', s.lastLayoutMs, 'ms')
        record('longest task while loading', lt.longest, 'ms', { target: scale >= 1000 ? '< 200 ms' : '', note: `${lt.count} long tasks` })
      } finally {
        await context.close()
      }
    },
  }
}

/**
 * ms of tasks on the page's main thread over `ms`, from a Chromium trace (RunTask events of the
 * renderer's main thread; workers and the compositor are not in it).
 */
async function mainThreadBusy(page, ms) {
  const browser = page.context().browser()
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] })
  await page.waitForTimeout(ms)
  const buffer = await browser.stopTracing()
  const { traceEvents } = JSON.parse(buffer.toString('utf8'))
  // only the traced page's renderer: other pages of the browser may be running too
  const pids = new Set(traceEvents.filter((e) => e.name === 'TracingStartedInBrowser').flatMap((e) => (e.args?.data?.frames ?? []).map((f) => f.processId)))
  const mains = new Set(
    traceEvents.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && (pids.size === 0 || pids.has(e.pid))).map((e) => `${e.pid}:${e.tid}`),
  )
  const tasks = traceEvents.filter((e) => e.ph === 'X' && e.name === 'RunTask' && mains.has(`${e.pid}:${e.tid}`))
  if (tasks.length === 0) return NaN
  const end = Math.max(...tasks.map((e) => e.ts + e.dur))
  return tasks.filter((e) => e.ts >= end - ms * 1000).reduce((sum, e) => sum + e.dur / 1000, 0)
}

function liveCase(scale, overHttp = false, extra = '') {
  return {
    name: `topology: live refresh, ${scale} services${extra.includes('all=1') ? ' drawn uncollapsed' : ''}${overHttp ? OVER_HTTP : ''}`,
    run: async ({ browser, baseUrl, record, root }) => {
      const api = await worldOf(scale, overHttp, root)
      const { context, page } = await openTopology(browser, baseUrl, `scale=${scale}&refresh=1${extra}`, api)
      try {
        await page.waitForTimeout(3_000)
        const before = await positions(page)
        const t = await page.evaluate(() => performance.now())
        // task time of the whole renderer (CDP TaskDuration, seconds: the page and its workers, the
        // synthetic world among them), over ten 1 s ticks
        const cdp = await page.context().newCDPSession(page)
        await cdp.send('Performance.enable')
        const taskSeconds = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN
        const busy0 = await taskSeconds()
        const ticks = []
        for (let i = 0; i < 10; i++) {
          await page.waitForTimeout(1_000)
          ticks.push((await stats(page)).lastUpdateMs)
        }
        const busyPerTick = ((await taskSeconds()) - busy0) * 100 // ms per tick: 10 ticks in the span
        // the page's main thread over 5 s of 1 s ticks, against the same view paused: what a tick adds
        // (Cytoscape keeps a light animation-frame loop running either way); traced, so a little slower
        const liveBusy = await mainThreadBusy(page, 5_000)
        const paused = await openTopology(browser, baseUrl, `scale=${scale}&live=0${extra}`, api)
        await paused.page.waitForTimeout(3_000)
        const pausedBusy = await mainThreadBusy(paused.page, 5_000)
        await paused.context.close()
        const after = await positions(page)
        let moved = 0
        for (const [id, p] of Object.entries(before)) {
          const q = after[id]
          if (q && (Math.abs(q.x - p.x) > 0.5 || Math.abs(q.y - p.y) > 0.5)) moved++
        }
        const lt = await longTasksAfter(page, t)
        record('graph update per tick (max of 10)', Math.max(...ticks), 'ms', { target: '< 50 ms' })
        record('page main thread per tick (live minus paused, traced)', (liveBusy - pausedBusy) / 5, 'ms', { target: '< 50 ms', note: `busy ${Math.round(liveBusy)} ms live vs ${Math.round(pausedBusy)} ms paused over 5 s` })
        record('renderer task time per tick, page and workers (incl. the synthetic world)', busyPerTick, 'ms', { note: 'CDP TaskDuration over 10 s of 1 s ticks, divided by 10; an upper bound of the page main thread' })
        record('longest task during ticks', lt.longest, 'ms', { note: `${lt.count} long tasks in 10 s` })
        record('moved nodes over 10 ticks', moved, 'nodes', { target: '0' })
        if (scale === 300 && !overHttp && !extra) {
          // 180 refreshes at one per second: what 30 minutes of live mode at the default 10 s
          // interval does to the heap. Warm-up: the first 20; then a sample every 20 refreshes.
          await page.waitForTimeout(7_000)
          const warm = await heapMB(page)
          const samples = []
          for (let i = 0; i < 8; i++) {
            await page.waitForTimeout(20_000)
            samples.push(await heapMB(page))
          }
          const worst = samples.reduce((m, x) => (Math.abs(x - warm) > Math.abs(m - warm) ? x : m), warm)
          record('JS heap after warm-up (20 refreshes)', warm, 'MB')
          record('JS heap after 180 refreshes', samples[samples.length - 1], 'MB', { target: '±10 %', note: `${(((samples[samples.length - 1] - warm) / warm) * 100).toFixed(1)} %` })
          record('largest heap deviation from warm-up over 180 refreshes', ((worst - warm) / warm) * 100, '%', { target: '±10 %', note: samples.map((x) => x.toFixed(1)).join(' / ') + ' MB' })
        }
      } finally {
        await context.close()
      }
    },
  }
}

const loads = (overHttp) => [
  ...SCALES.map((s) => loadCase(s, '', `load, ${s} services`, overHttp)),
  loadCase(1000, '&all=1', 'load, 1000 services drawn uncollapsed', overHttp),
  loadCase(1000, '&focus=order-service&up=2&down=2', 'load, 1000 services focused (depth 2)', overHttp),
]

// each case in the browser's synthetic world, then against the same world served over HTTP
export const cases = [...loads(false), ...SCALES.map((s) => liveCase(s)), liveCase(1000, false, '&all=1'), ...loads(true), ...SCALES.map((s) => liveCase(s, true)), liveCase(1000, true, '&all=1')]
