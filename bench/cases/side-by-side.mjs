import { readFileSync, statSync } from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { heapMB, newLongTaskPage, rowFrames, watchRowFrames } from '../support.mjs'
import { startJaegerApiServer } from '../http/jaeger-api-server.mjs'
import { startConsoleTraceServer } from '../http/console-trace-server.mjs'
import { jaegerTrace } from './trace-file.mjs'

// The console and Jaeger UI side by side, in one interleaved series: the same trace (the
// trace-file bench's generator, same seed) from the same Jaeger query API served by Node
// (bench/http/jaeger-api-server.mjs), in the same browser, one after the other, alternating which
// goes first in each pair. Jaeger UI is not part of this repository: point JAEGER_UI_DIR at a
// production build of it (its `packages/jaeger-ui/build` folder); the case serves that folder and
// passes `/api/*` to the same API server. Without JAEGER_UI_DIR the case records nothing and says
// why. SIDE_BY_SIDE_PAIRS sets the number of pairs (default 3).
//
// Measured in the page, from navigation: the frame that paints the first span rows and the frame
// of the complete Gantt (Jaeger UI draws nothing until it has the whole trace, so for it both are
// the frame of its first span row), the sum of the page's long tasks (> 50 ms) until the complete
// Gantt, and the page's JS heap after a garbage collection. The console reads the trace by the
// classic JSON API (the one Jaeger UI uses), by the v3 API, and from its own API (the same trace as
// the console API streams it, bench/http/console-trace-server.mjs: a deployment with a console API
// in front of its store) while Jaeger UI reads it from Jaeger's.

const SIZES = [50_000, 100_000]
const PAIRS = Number(process.env.SIDE_BY_SIDE_PAIRS ?? 3)
const UI_DIR = process.env.JAEGER_UI_DIR ?? ''
const PORT = Number(process.env.BENCH_PORT ?? 4300)

let api = null
let ui = null
let own = null
const traces = new Map()
const traceOf = (n) => {
  if (!traces.has(n)) traces.set(n, jaegerTrace(n).data[0])
  return traces.get(n)
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json', '.ico': 'image/x-icon', '.png': 'image/png', '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf' }

/** Serves JAEGER_UI_DIR (index.html for every unknown path, as Jaeger's query service does) and passes /api/* to the API server. */
async function startJaegerUi(apiUrl) {
  const target = new URL(apiUrl)
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x')
    if (url.pathname.startsWith('/api/')) {
      const proxied = http.request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers)
        r.pipe(res)
      })
      proxied.on('error', () => res.writeHead(502).end())
      req.pipe(proxied)
      return
    }
    // Jaeger UI's routes are relative to a <base> it computes from the path; its assets sit under static/
    const rel = url.pathname.includes('/static/') ? url.pathname.slice(url.pathname.indexOf('/static/')) : url.pathname
    let file = path.join(UI_DIR, path.normalize(rel))
    if (!file.startsWith(path.resolve(UI_DIR)) || !isFile(file)) file = path.join(UI_DIR, 'index.html')
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file))
  })
  await new Promise((resolve) => server.listen(PORT + 103, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${PORT + 103}`, close: () => new Promise((resolve) => server.close(resolve)) }
}

function isFile(f) {
  try {
    return statSync(f).isFile()
  } catch {
    return false
  }
}

export async function teardown() {
  if (ui) await (await ui).close()
  if (api) await (await api).close()
  if (own) await (await own).close()
  ui = null
  api = null
  own = null
}

async function longTasksUntil(page, end) {
  return page.evaluate((until) => {
    const tasks = window.__longTasks.filter((x) => x.start < until)
    return { sum: tasks.reduce((a, x) => a + x.duration, 0), longest: tasks.reduce((a, x) => Math.max(a, x.duration), 0) }
  }, end)
}

/** The console on the trace page, its traces from `traces` (a data source's configuration). */
async function openConsole(browser, baseUrl, traces, id) {
  const { context, page } = await newLongTaskPage(browser)
  await watchRowFrames(page)
  await page.route('**/config.json', (r) => r.fulfill({ json: { traces, metrics: { kind: 'none' } } }))
  await page.goto(`${baseUrl}/traces/${id}`)
  const f = await rowFrames(page, 240_000)
  const t = await longTasksUntil(page, f.gantt)
  const heap = await heapMB(page)
  await context.close()
  return { firstRows: f.rows, whole: f.gantt, ...t, heap }
}

async function openJaegerUi(browser, uiUrl, id) {
  const { context, page } = await newLongTaskPage(browser)
  await page.addInitScript(() => {
    window.__uiRows = null
    const observer = new MutationObserver(() => {
      if (window.__uiRows != null || !document.querySelector('.VirtualizedTraceView--row .span-row')) return
      observer.disconnect()
      requestAnimationFrame(() => {
        window.__uiRows = performance.now()
      })
    })
    observer.observe(document, { childList: true, subtree: true })
  })
  await page.goto(`${uiUrl}/trace/${id}`)
  await page.waitForFunction(() => window.__uiRows != null, undefined, { timeout: 240_000 })
  const rows = await page.evaluate(() => window.__uiRows)
  const t = await longTasksUntil(page, rows)
  const heap = await heapMB(page)
  await context.close()
  return { firstRows: rows, whole: rows, ...t, heap }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

export const cases = SIZES.map((n) => ({
  name: `side-by-side: console and Jaeger UI, ${n / 1000}k spans from a Jaeger API`,
  run: async ({ browser, baseUrl, record, root }) => {
    if (!UI_DIR) {
      console.log('  skipped: JAEGER_UI_DIR is not set (a production build of Jaeger UI to compare with); nothing recorded')
      return
    }
    api ??= startJaegerApiServer({ port: PORT + 105, traces: SIZES.map(traceOf) })
    const backend = await api
    ui ??= startJaegerUi(backend.url)
    const uiServer = await ui
    own ??= startConsoleTraceServer({ root, port: PORT + 106, traces: SIZES.map(traceOf) })
    const ownServer = await own
    const id = traceOf(n).traceID
    backend.prepare(id)
    ownServer.prepare(id)
    const runners = {
      console: () => openConsole(browser, baseUrl, { kind: 'jaeger', baseUrl: backend.url, api: 'legacy' }, id),
      'console (v3 API)': () => openConsole(browser, baseUrl, { kind: 'jaeger', baseUrl: backend.url, api: 'v3' }, id),
      'console (its own API)': () => openConsole(browser, baseUrl, { kind: 'console', baseUrl: ownServer.url }, id),
      'Jaeger UI': () => openJaegerUi(browser, uiServer.url, id),
    }
    // warm-up of each, so both builds' chunks are cached like for a returning user
    for (const run of Object.values(runners)) await run()
    const runs = Object.fromEntries(Object.keys(runners).map((k) => [k, []]))
    const names = Object.keys(runners)
    for (let i = 0; i < PAIRS; i++) {
      // alternate the order, so neither side always runs first in a pair
      const order = i % 2 ? [...names].reverse() : names
      for (const k of order) runs[k].push(await runners[k]())
    }
    const fmt = (xs) => xs.map((x) => Math.round(x)).join(', ')
    const jui = runs['Jaeger UI']
    for (const k of names) {
      const r = runs[k]
      record(`${k}: first rows from navigation (median of ${PAIRS})`, median(r.map((x) => x.firstRows)), 'ms', { note: `runs ${fmt(r.map((x) => x.firstRows))}` })
      record(`${k}: complete Gantt from navigation (median of ${PAIRS})`, median(r.map((x) => x.whole)), 'ms', { note: `runs ${fmt(r.map((x) => x.whole))}` })
      record(`${k}: long tasks summed to the complete Gantt (median of ${PAIRS})`, median(r.map((x) => x.sum)), 'ms', { note: `runs ${fmt(r.map((x) => x.sum))}; longest ${fmt(r.map((x) => x.longest))}` })
      record(`${k}: JS heap after GC (median of ${PAIRS})`, median(r.map((x) => x.heap)), 'MB', { note: `runs ${r.map((x) => x.heap.toFixed(1)).join(', ')}` })
      if (k === 'Jaeger UI') continue
      // ratios within each pair (same machine state), then their median
      const ratio = (f) => median(r.map((x, j) => f(x) / f(jui[j])))
      record(`${k} / Jaeger UI: first rows (median of per-pair ratios)`, ratio((x) => x.firstRows), '×', { target: '≤ 0.25 (4× sooner)' })
      record(`${k} / Jaeger UI: complete Gantt (median of per-pair ratios)`, ratio((x) => x.whole), '×', { target: '≤ 0.33 (3× sooner)' })
      record(`${k} / Jaeger UI: JS heap (median of per-pair ratios)`, ratio((x) => x.heap), '×')
    }
  },
}))
