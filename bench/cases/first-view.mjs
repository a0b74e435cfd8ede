import { gzipSync } from 'node:zlib'
// The trace search's first view, in a browser, on a first visit (a fresh context: nothing cached,
// no service worker registered): the JavaScript the page asks for before it is first drawn and
// before the first row of the list is painted, and the time to each, with the default synthetic
// configuration and with a Jaeger backend (answered by the page's own routes on the console's
// origin, at no latency). Bytes are each script's size gzipped at level 9 (the preview server
// sends them uncompressed), the scripts of the page's workers included.
//
// BENCH_FIRST_VIEW_RUNS (default 3) runs per configuration, the configurations interleaved.
// BENCH_FIRST_VIEW_COMPARE=<base URL of another build's preview server> measures that build too,
// interleaved with this one (this, other, this, other …), its figures labelled "other build".

const RUNS = Number(process.env.BENCH_FIRST_VIEW_RUNS ?? 3)
const OTHER = process.env.BENCH_FIRST_VIEW_COMPARE ?? null
const SERVICES = ['frontend', 'checkout', 'payments', 'inventory', 'shipping']

const gzCache = new Map()
async function gzipKB(url) {
  if (!gzCache.has(url)) {
    const body = Buffer.from(await (await fetch(url)).arrayBuffer())
    gzCache.set(url, gzipSync(body, { level: 9 }).length / 1024)
  }
  return gzCache.get(url)
}

/** A Jaeger search answer: `limit` traces of 6 spans each, spread over the asked window. */
function jaegerSearch(url) {
  const start = Number(url.searchParams.get('start'))
  const end = Number(url.searchParams.get('end'))
  const limit = Math.min(Number(url.searchParams.get('limit') || 20), 40)
  const service = url.searchParams.get('service') ?? SERVICES[0]
  const processes = Object.fromEntries(SERVICES.map((s, i) => [`p${i}`, { serviceName: s, tags: [] }]))
  const hex = (n, w) => n.toString(16).padStart(w, '0')
  const data = []
  for (let t = 0; t < limit; t++) {
    const traceID = hex(0xabc000 + t, 32)
    const t0 = Math.floor(start + ((end - start) * (t + 0.5)) / limit)
    const spans = []
    for (let i = 0; i < 6; i++) {
      const parent = i === 0 ? null : Math.floor((i - 1) / 2)
      spans.push({
        traceID,
        spanID: hex(t * 16 + i + 1, 16),
        flags: 1,
        operationName: i === 0 ? 'GET /cart' : `call ${i}`,
        references: parent === null ? [] : [{ refType: 'CHILD_OF', traceID, spanID: hex(t * 16 + parent + 1, 16) }],
        startTime: t0 + i * 1_000,
        duration: 60_000 - i * 8_000 + (t % 7) * 1_000,
        tags: [{ key: 'span.kind', type: 'string', value: i % 2 ? 'client' : 'server' }],
        logs: [],
        processID: i === 0 ? `p${SERVICES.indexOf(service)}` : `p${(i % (SERVICES.length - 1)) + 1}`,
        warnings: null,
      })
    }
    data.push({ traceID, spans, processes, warnings: null })
  }
  return { data, total: data.length, limit: 0, offset: 0, errors: null }
}

async function routeJaeger(page, base) {
  const config = { traces: { kind: 'jaeger', baseUrl: `${base}/jaeger-bench`, api: 'legacy' }, metrics: { kind: 'none' } }
  await page.route('**/config.json', (r) => r.fulfill({ json: config }))
  await page.route('**/jaeger-bench/**', (r) => {
    const url = new URL(r.request().url())
    const p = url.pathname.replace(/^\/jaeger-bench/, '')
    if (p === '/api/services') return r.fulfill({ json: { data: SERVICES, total: SERVICES.length, limit: 0, offset: 0, errors: null } })
    if (p.startsWith('/api/services/') || p === '/api/operations') return r.fulfill({ json: { data: ['GET /cart'], total: 1, limit: 0, offset: 0, errors: null } })
    if (p === '/api/traces') return r.fulfill({ json: jaegerSearch(url) })
    return r.fulfill({ status: 404, json: { data: null, errors: [{ code: 404, msg: 'not served by the bench' }] } })
  })
}

/** One first visit of /traces: scripts asked for before the first render and the first row, and when those came. */
async function visit(browser, base, config) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
  try {
    const page = await context.newPage()
    const scripts = []
    const marks = {}
    page.on('request', (r) => {
      const { pathname } = new URL(r.url())
      if (pathname.endsWith('.js')) scripts.push(pathname)
    })
    // called from the page in the frame that paints the first render / the first row
    await page.exposeBinding('__firstViewMark', (_source, kind, t) => {
      marks[kind] = { t, scripts: scripts.length }
    })
    await page.addInitScript(() => {
      // the page's long tasks (the shell's start among them)
      window.__firstViewTasks = []
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__firstViewTasks.push({ start: e.startTime, duration: e.duration })
      }).observe({ type: 'longtask', buffered: true })
      const seen = { render: false, row: false }
      const observer = new MutationObserver(() => {
        for (const [kind, selector] of [['render', '#root > *'], ['row', '[data-testid="trace-row"]']]) {
          if (seen[kind] || !document.querySelector(selector)) continue
          seen[kind] = true
          requestAnimationFrame(() => window.__firstViewMark(kind, performance.now()))
        }
        if (seen.row) observer.disconnect()
      })
      observer.observe(document, { childList: true, subtree: true })
    })
    if (config === 'jaeger') await routeJaeger(page, base)
    const query = config === 'jaeger' ? `service=${SERVICES[0]}&range=1h` : 'range=1h&latency=0'
    await page.goto(`${base}/traces?${query}`)
    await page.waitForFunction(() => document.querySelector('[data-testid="trace-row"]') !== null, undefined, { timeout: 60_000 })
    await page.waitForTimeout(300) // the binding's call arrives
    if (!marks.render || !marks.row) throw new Error(`the first view was not seen (${JSON.stringify(marks)})`)
    const tasks = await page.evaluate(() => window.__firstViewTasks)
    const longest = (until) => tasks.filter((x) => x.start < until).reduce((m, x) => Math.max(m, x.duration), 0)
    const kb = async (list) => {
      let sum = 0
      for (const p of new Set(list)) sum += await gzipKB(`${base}${p}`)
      return sum
    }
    const beforeRender = scripts.slice(0, marks.render.scripts)
    const beforeRow = scripts.slice(0, marks.row.scripts)
    const perChunk = []
    for (const p of new Set(beforeRow)) perChunk.push(`${p.replace(/^\/assets\//, '').replace(/-[\w-]{8}\.js$/, '')} ${(await gzipKB(`${base}${p}`)).toFixed(1)}`)
    return { renderMs: marks.render.t, rowMs: marks.row.t, taskBeforeRender: longest(marks.render.t), taskBeforeRow: longest(marks.row.t), renderKB: await kb(beforeRender), rowKB: await kb(beforeRow), perChunk }
  } finally {
    await context.close()
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

export const cases = [
  {
    name: 'first view of the trace search: initial JS and time',
    run: async ({ browser, baseUrl, record }) => {
      const builds = OTHER ? [['this build', baseUrl], ['other build', OTHER]] : [['this build', baseUrl]]
      const runs = new Map()
      for (let i = 0; i < RUNS; i++) {
        for (const config of ['synthetic', 'jaeger']) {
          for (const [label, base] of builds) {
            const key = `${label}, ${config}`
            const r = await visit(browser, base, config)
            if (!runs.has(key)) runs.set(key, [])
            runs.get(key).push(r)
          }
        }
      }
      for (const [key, rs] of runs) {
        const target = key.endsWith('jaeger') ? '≤ 250 KB' : ''
        record(`${key}: JS before the first row (gzip)`, median(rs.map((r) => r.rowKB)), 'KB', { target, note: rs.at(-1).perChunk.join(', ') })
        record(`${key}: JS before the first render (gzip)`, median(rs.map((r) => r.renderKB)), 'KB')
        record(`${key}: first render`, median(rs.map((r) => r.renderMs)), 'ms', { note: `median of ${rs.length}: ${rs.map((r) => Math.round(r.renderMs)).join(', ')}` })
        record(`${key}: longest task before the first render (the shell's start)`, median(rs.map((r) => r.taskBeforeRender)), 'ms', { note: `median of ${rs.length}: ${rs.map((r) => Math.round(r.taskBeforeRender)).join(', ')}` })
        record(`${key}: longest task before the first row`, median(rs.map((r) => r.taskBeforeRow)), 'ms', { note: `median of ${rs.length}: ${rs.map((r) => Math.round(r.taskBeforeRow)).join(', ')}` })
        record(`${key}: first row painted`, median(rs.map((r) => r.rowMs)), 'ms', { note: `median of ${rs.length}: ${rs.map((r) => Math.round(r.rowMs)).join(', ')}` })
      }
    },
  },
]
