import { heapMB, newLongTaskPage, rowFrames, tracePhaseMarks, watchRowFrames } from '../support.mjs'
// Trace page (Gantt) on synthetic big traces of 1k, 10k, 50k and 100k spans.
// The synthetic backend generates the trace in its worker and MSW delivers it through the service
// worker, so the time the trace request took is recorded apart from the view's own time.
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { build } from 'rolldown'
import { startConsoleApiServer } from '../http/console-api-server.mjs'

const PINNED = '2026-11-23T10:00:00.000Z'
const SIZES = [1_000, 10_000, 50_000, 100_000]
const JAEGER = { 1000: '1.5 s', 10000: '1.8 s', 50000: '2.7 s', 100000: '3.5 s' }
const JAEGER_HEAP = { 10000: 58, 50000: 138, 100000: 235 }

async function catalogue(root) {
  const file = path.join(os.tmpdir(), `tracelens-catalogue-${process.pid}.mjs`)
  await build({ input: path.join(root, 'mocks/synthetic/catalogue.ts'), output: { file, format: 'esm' }, write: true, logLevel: 'silent' })
  return import(pathToFileURL(file).href)
}

/**
 * First rows: any span row on screen, those of the preview included (the first rows of the tree,
 * shown while the rest of a streamed trace arrives). Whole trace: the Gantt of the complete tree,
 * with every tool working. Both as the page saw them (see watchRowFrames).
 */
async function waitForRows(page) {
  const f = await rowFrames(page, 120_000)
  return { firstRows: f.rows, whole: f.gantt }
}

async function openTrace(browser, baseUrl, id) {
  const { context, page } = await newLongTaskPage(browser)
  await watchRowFrames(page)
  await page.goto(`${baseUrl}/traces/${id}?now=${encodeURIComponent(PINNED)}&latency=0`)
  return { context, page, ...(await waitForRows(page)) }
}

async function measureLoad(page, firstRows) {
  return page.evaluate((t) => {
    const req = performance.getEntriesByType('resource').find((e) => /\/api\/v1\/traces\/[0-9a-f]+/.test(e.name))
    const tasks = window.__longTasks.filter((x) => x.start < t)
    return {
      requestStart: req ? req.startTime : 0,
      responseEnd: req ? req.responseEnd : 0,
      longTasks: tasks.length,
      longestTask: tasks.reduce((m, x) => Math.max(m, x.duration), 0),
    }
  }, firstRows)
}


/** 30,000 px of scrolling, one step per animation frame; frame durations in ms. */
async function scrollFrames(page) {
  return page.evaluate(async () => {
    const el = document.querySelector('[role="treegrid"]')
    const frames = []
    let last = await new Promise((r) => requestAnimationFrame(r))
    const step = 100
    for (let y = step; y <= 30_000; y += step) {
      el.scrollTop = y
      const t = await new Promise((r) => requestAnimationFrame(r))
      frames.push(t - last)
      last = t
    }
    const rowsPresent = document.querySelectorAll('[role="treegrid"] [role="row"]').length
    return { frames, rowsPresent }
  })
}

/** Click a toolbar button and time until the next frame after React committed. */
async function timeButton(page, name) {
  // the buttons live in the toolbar's More menu: opened first, not timed
  if ((await page.getByRole('button', { name, exact: true }).count()) === 0) await page.getByRole('button', { name: 'More', exact: true }).click()
  await page.getByRole('button', { name, exact: true }).waitFor()
  return page.evaluate(async (label) => {
    const btn = [...document.querySelectorAll('button')].find((b) => b.textContent === label)
    const t0 = performance.now()
    btn.click()
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)))
    return performance.now() - t0
  }, name)
}

let httpBackend = null
let slowBackend = null
/** Time a trace store takes to find and assemble a big trace before its first byte (the slow backend). */
const STORE_MS = 300
/** The console API over plain HTTP in Node (started once, kept for the run). */
async function backend(root) {
  httpBackend ??= startConsoleApiServer({ root, port: Number(process.env.BENCH_PORT ?? 4300) + 100, nowMs: Date.parse(PINNED) })
  return httpBackend
}
/** The same, answering each trace STORE_MS later, as a trace store would. */
async function slow(root) {
  const fast = await backend(root)
  slowBackend ??= startConsoleApiServer({ root, port: Number(process.env.BENCH_PORT ?? 4300) + 101, nowMs: Date.parse(PINNED), firstByteMs: STORE_MS, world: fast.world })
  return slowBackend
}

export async function teardown() {
  for (const b of [httpBackend, slowBackend]) if (b) await (await b).close()
  httpBackend = null
  slowBackend = null
}

/**
 * The trace page against the console API served over HTTP by Node: no service worker, no world
 * worker, nothing of the synthetic backend in the browser; the comparison the Jaeger UI figures
 * call for (Jaeger UI against Jaeger's own query service on the same machine).
 */
async function openOverHttp(browser, baseUrl, api, id) {
  const { context, page } = await newLongTaskPage(browser)
  await watchRowFrames(page)
  const config = { traces: { kind: 'console', baseUrl: api.url }, metrics: { kind: 'console', baseUrl: api.url } }
  await page.route('**/config.json', (r) => r.fulfill({ json: config }))
  await page.goto(`${baseUrl}/traces/${id}`)
  return { context, page, ...(await waitForRows(page)) }
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))]

export const cases = SIZES.map((n) => ({
  name: `trace-page: ${n / 1000}k spans`,
  run: async ({ browser, baseUrl, record, root }) => {
    const { bigTraceId } = await catalogue(root ?? process.cwd())
    const id = bigTraceId(n)
    // warm-up run, so the build's chunks are in the HTTP cache like for a returning user
    const warm = await openTrace(browser, baseUrl, id)
    await warm.context.close()

    // first the same trace from a real HTTP backend (its answer built beforehand, like a stored trace)
    const api = await backend(root ?? process.cwd())
    api.prepare(id)
    const warmHttp = await openOverHttp(browser, baseUrl, api, id)
    await warmHttp.context.close()
    const overHttp = await openOverHttp(browser, baseUrl, api, id)
    const httpLoad = await measureLoad(overHttp.page, overHttp.firstRows)
    await overHttp.context.close()
    record('first rows visible from navigation, console API over HTTP', overHttp.firstRows, 'ms', {
      target: `< ${JAEGER[n]} Jaeger${n >= 50_000 ? ' / 4' : ''}`,
      note: `request start ${Math.round(httpLoad.requestStart)} ms; longest task before ${Math.round(httpLoad.longestTask)} ms`,
    })
    record('whole trace shown (every tool working), console API over HTTP', overHttp.whole, 'ms', {
      note: `request → last byte (parsed on the way) ${Math.round(httpLoad.responseEnd - httpLoad.requestStart)} ms; last byte → whole Gantt ${Math.round(overHttp.whole - httpLoad.responseEnd)} ms`,
    })
    // a backend that takes STORE_MS to assemble the trace before its first byte
    const store = await slow(root ?? process.cwd())
    store.prepare(id)
    const overSlow = await openOverHttp(browser, baseUrl, store, id)
    const slowLoad = await measureLoad(overSlow.page, overSlow.firstRows)
    await overSlow.context.close()
    record(`first rows visible from navigation, console API over HTTP taking ${STORE_MS} ms to its first byte`, overSlow.firstRows, 'ms', {
      note: `request start ${Math.round(slowLoad.requestStart)} ms; whole trace ${Math.round(overSlow.whole)} ms`,
    })

    const { context, page, firstRows, whole } = await openTrace(browser, baseUrl, id)
    const load = await measureLoad(page, firstRows)
    const generation = load.responseEnd - load.requestStart
    record('first rows visible from navigation (incl. synthetic generation)', firstRows, 'ms', { target: `< ${JAEGER[n]} Jaeger${n >= 50_000 ? ' / 4' : ''}` })
    record('whole trace shown from navigation (incl. synthetic generation)', whole, 'ms')
    record('trace request: start → last byte', generation, 'ms', { note: `starts at ${Math.round(load.requestStart)} ms; generated in the world worker, delivered through the service worker, parsed line by line as it arrives` })
    record('view time: last byte → whole Gantt (tree, render)', whole - load.responseEnd, 'ms')
    record('long tasks > 50 ms before first rows', load.longTasks, 'count', { note: `longest ${Math.round(load.longestTask)} ms (page main thread)` })
    const heap = await heapMB(page)
    record('JS heap after load (page; the synthetic world lives in its workers)', heap, 'MB', JAEGER_HEAP[n] ? { target: `≤ ${JAEGER_HEAP[n] / 2} MB` } : {})

    const { frames, rowsPresent } = await scrollFrames(page)
    const sorted = [...frames].sort((a, b) => a - b)
    record('scroll 30,000 px: median frame', pct(sorted, 0.5), 'ms')
    record('scroll 30,000 px: p95 frame', pct(sorted, 0.95), 'ms')
    record('scroll 30,000 px: worst frame', sorted[sorted.length - 1], 'ms', { target: '≤ 50 ms' })
    record('scroll 30,000 px: frames > 50 ms', frames.filter((f) => f > 50).length, 'count', { target: '0', note: `${rowsPresent} rows in the DOM at the end` })

    const collapse = await timeButton(page, 'Collapse all')
    record('collapse all', collapse, 'ms', { target: '< 100 ms' })
    const expand = await timeButton(page, 'Expand all')
    record('expand all', expand, 'ms', { target: '< 100 ms' })
    await context.close()
  },
}))

/**
 * Where the time of a trace from the console API over HTTP goes (`--filter "trace-phases: console
 * API"`): one run per size after a warm-up, the resource timing of the trace request and the marks
 * the trace loader leaves (`tracelens:trace-*` on the page, `tracelens:trace-worker-*` from the
 * reader worker), ms from navigation.
 */
cases.push(
  ...[50_000, 100_000].map((n) => ({
    name: `trace-phases: console API over HTTP, ${n / 1000}k spans`,
    run: async ({ browser, baseUrl, record, root }) => {
      const { bigTraceId } = await catalogue(root ?? process.cwd())
      const id = bigTraceId(n)
      const api = await backend(root ?? process.cwd())
      api.prepare(id)
      const warm = await openOverHttp(browser, baseUrl, api, id)
      await warm.context.close()
      const r = await openOverHttp(browser, baseUrl, api, id)
      const p = {
        ...(await tracePhaseMarks(r.page, /\/api\/v1\/traces\/[0-9a-f]+/)),
        ...(await r.page.evaluate(() => ({
          'long tasks summed': window.__longTasks.reduce((s, x) => s + x.duration, 0),
          'longest task': window.__longTasks.reduce((m, x) => Math.max(m, x.duration), 0),
        }))),
      }
      await r.context.close()
      for (const [k, v] of Object.entries({ ...p, 'first rows painted': r.firstRows, 'complete Gantt painted': r.whole })) if (Number.isFinite(v)) record(k, v, 'ms')
    },
  })),
)
