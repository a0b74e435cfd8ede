import { heapMB, newLongTaskPage, rowFrames, tracePhaseMarks, watchRowFrames } from '../support.mjs'
// The trace page on a Jaeger backend: traces of 50k and 100k spans answered by a Jaeger query API
// served from Node (bench/http/jaeger-api-server.mjs), by the classic JSON API (/api/traces/:id)
// and by the v3 API (/api/v3/traces/:id, OTLP JSON). Measures, from navigation, the frame that
// paints the first span rows and the frame of the complete Gantt, and the page's main-thread
// long tasks (> 50 ms) from navigation to the complete Gantt: their count, their sum and the
// longest; and, apart, those of the 3 s after it. The traces are the trace-file bench's (same generator, same seed).
import { startJaegerApiServer } from '../http/jaeger-api-server.mjs'
import { jaegerTrace } from './trace-file.mjs'

const SIZES = [50_000, 100_000]
/** How long after the complete Gantt the page's long tasks are still counted (apart). */
const AFTER_MS = 3_000
const APIS = [
  { api: 'legacy', label: 'classic JSON API' },
  { api: 'v3', label: 'v3 API (OTLP JSON)' },
]

let server = null
const traces = new Map()
const traceOf = (n) => {
  if (!traces.has(n)) traces.set(n, jaegerTrace(n).data[0])
  return traces.get(n)
}
async function jaeger() {
  server ??= startJaegerApiServer({ port: Number(process.env.BENCH_PORT ?? 4300) + 102, traces: SIZES.map(traceOf) })
  return server
}

export async function teardown() {
  if (server) await (await server).close()
  server = null
}

async function open(browser, baseUrl, jaegerUrl, api, id) {
  const { context, page } = await newLongTaskPage(browser)
  await watchRowFrames(page)
  await page.route('**/config.json', (r) => r.fulfill({ json: { traces: { kind: 'jaeger', baseUrl: jaegerUrl, api }, metrics: { kind: 'none' } } }))
  await page.goto(`${baseUrl}/traces/${id}`)
  const f = await rowFrames(page, 240_000)
  // the page's work once the trace is shown (the error chains, the trace packed for the analysis worker) counts too
  await page.waitForTimeout(AFTER_MS)
  const m = await page.evaluate((end) => {
    const after = window.__longTasks.filter((x) => x.start >= end)
    const tasks = window.__longTasks.filter((x) => x.start < end)
    const req = performance.getEntriesByType('resource').find((e) => /\/traces\/[0-9a-f]+$/.test(e.name))
    return {
      count: tasks.length,
      sum: tasks.reduce((a, x) => a + x.duration, 0),
      longest: tasks.reduce((a, x) => Math.max(a, x.duration), 0),
      afterSum: after.reduce((a, x) => a + x.duration, 0),
      afterCount: after.length,
      afterLongest: after.reduce((a, x) => Math.max(a, x.duration), 0),
      responseEnd: req ? req.responseEnd : NaN,
    }
  }, f.gantt)
  return { context, page, firstRows: f.rows, whole: f.gantt, ...m }
}

/** The API server holding the n-span trace, opened once as a warm-up so the build's chunks are cached like for a returning user. */
async function warmedUp(browser, baseUrl, api, n) {
  const backend = await jaeger()
  const id = traceOf(n).traceID
  backend.prepare(id)
  const warm = await open(browser, baseUrl, backend.url, api, id)
  await warm.context.close()
  return { backend, id }
}

export const cases = SIZES.flatMap((n) =>
  APIS.map(({ api, label }) => ({
    name: `trace-jaeger: ${label}, ${n / 1000}k spans`,
    run: async ({ browser, baseUrl, record }) => {
      const { backend, id } = await warmedUp(browser, baseUrl, api, n)
      const r = await open(browser, baseUrl, backend.url, api, id)
      record('first rows visible from navigation', r.firstRows, 'ms')
      record('complete Gantt from navigation', r.whole, 'ms', { note: `answer's last byte at ${Math.round(r.responseEnd)} ms` })
      record('main-thread long tasks (> 50 ms), navigation → complete Gantt: sum', r.sum, 'ms', { target: '< 150 ms', note: `${r.count} tasks, longest ${Math.round(r.longest)} ms` })
      record(`main-thread long tasks (> 50 ms), ${AFTER_MS / 1000} s after the complete Gantt: sum`, r.afterSum, 'ms', { note: `${r.afterCount} tasks, longest ${Math.round(r.afterLongest)} ms` })
      record('JS heap after load (page)', await heapMB(r.page), 'MB')
      await r.context.close()
    },
  })),
)

/**
 * Where the time goes on this path (`npm run bench -- --filter trace-phases`): one run per API and
 * size after a warm-up, reading the page's navigation and resource timing and the marks the trace
 * loader leaves (`tracelens:trace-*` on the page, `tracelens:trace-worker-*` from the reader worker;
 * src/api/trace-loading/backend/read-backend-trace.ts). Every figure is ms from navigation.
 */
async function phases(browser, baseUrl, jaegerUrl, api, id) {
  const r = await open(browser, baseUrl, jaegerUrl, api, id)
  const p = {
    ...(await r.page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0]
      const js = performance.getEntriesByType('resource').filter((e) => e.initiatorType === 'script' || /\.js$/.test(e.name))
      return {
        'html response end': nav.responseEnd,
        'DOM content loaded': nav.domContentLoadedEventEnd,
        'last JS file loaded': js.reduce((a, e) => Math.max(a, e.responseEnd), 0),
      }
    })),
    ...(await tracePhaseMarks(r.page, /\/traces\/[0-9a-f]+$/)),
  }
  await r.context.close()
  return { ...p, 'first rows painted': r.firstRows, 'complete Gantt painted': r.whole, 'long tasks summed': r.sum, 'longest task': r.longest }
}

cases.push(
  ...SIZES.flatMap((n) =>
    APIS.map(({ api, label }) => ({
      name: `trace-phases: ${label}, ${n / 1000}k spans`,
      run: async ({ browser, baseUrl, record }) => {
        const { backend, id } = await warmedUp(browser, baseUrl, api, n)
        const p = await phases(browser, baseUrl, backend.url, api, id)
        for (const [k, v] of Object.entries(p)) if (Number.isFinite(v)) record(k, v, 'ms')
      },
    })),
  ),
)
