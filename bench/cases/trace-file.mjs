import { heapMB, newLongTaskPage, rowFrames, seededRandom, watchRowFrames } from '../support.mjs'
// Opening a trace file: Jaeger JSON traces of 1k, 10k, 50k and 100k spans, picked on the search
// page (/traces). Measures the time from the file pick (the input's change event) to the first
// rows of the trace page, the long tasks in between and the JS heap after load. The file is read,
// parsed and converted in a Web Worker; only handing the trace over and the view run on the page.
// The files are generated here in Jaeger's query-API shape ({"data":[trace]}), with process
// tags, ~8 span tags, span.kind, errors and a log on some spans, like a real Jaeger export.
import { closeSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync, writeSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const PINNED = '2026-11-23T10:00:00.000Z'
const SIZES = [1_000, 10_000, 50_000, 100_000]
const JAEGER = { 1000: '1.5 s', 10000: '1.8 s', 50000: '2.7 s', 100000: '3.5 s' }
const JAEGER_HEAP = { 10000: 58, 50000: 138, 100000: 235 }


const hex = (n, width) => n.toString(16).padStart(width, '0')

/** The parts of a Jaeger trace of n spans: fan-out 4–6 per level, children inside their parent's time. */
function jaegerParts(n, seed) {
  const rnd = seededRandom(seed)
  const traceID = hex(0xabc000 + n, 32)
  const services = Array.from({ length: 24 }, (_, i) => `svc-${String.fromCharCode(97 + (i % 26))}${i}`)
  const processes = {}
  services.forEach((s, i) => {
    processes[`p${i + 1}`] = {
      serviceName: s,
      tags: [
        { key: 'hostname', type: 'string', value: `${s}-7d9f-${i}` },
        { key: 'ip', type: 'string', value: `10.0.${i}.7` },
        { key: 'jaeger.version', type: 'string', value: 'Go-2.30.0' },
      ],
    }
  })
  const start0 = Date.parse('2026-11-23T09:55:00Z') * 1000
  const starts = new Float64Array(n)
  const durations = new Float64Array(n)
  /** span i; spans must be asked for in order (a span's times rest on its parent's) */
  const span = (i) => {
    const parent = i === 0 ? -1 : Math.floor((i - 1) / 5)
    const [pStart, pDur] = parent < 0 ? [start0, 5_000_000] : [starts[parent], durations[parent]]
    const offset = Math.floor(rnd() * pDur * 0.5)
    const duration = Math.max(1, Math.floor((pDur - offset) * (0.3 + rnd() * 0.6)))
    starts[i] = pStart + offset
    durations[i] = duration
    const p = 1 + Math.floor(rnd() * services.length)
    const isError = rnd() < 0.01
    const client = i % 2 === 1
    const tags = [
      { key: 'span.kind', type: 'string', value: client ? 'client' : 'server' },
      { key: 'component', type: 'string', value: 'grpc' },
      { key: 'peer.service', type: 'string', value: services[(p + 3) % services.length] },
      { key: 'rpc.method', type: 'string', value: `Method${i % 40}` },
      { key: 'rpc.grpc.status_code', type: 'int64', value: isError ? 13 : 0 },
      { key: 'net.peer.ip', type: 'string', value: `10.1.${i % 250}.${i % 199}` },
      { key: 'request.id', type: 'string', value: hex(i * 2654435761, 12) },
      { key: 'internal.span.format', type: 'string', value: 'proto' },
    ]
    if (isError) tags.push({ key: 'error', type: 'bool', value: true })
    return {
      traceID,
      spanID: hex(i + 1, 16),
      flags: 1,
      operationName: `Operation${i % 60}`,
      references: parent < 0 ? [] : [{ refType: 'CHILD_OF', traceID, spanID: hex(parent + 1, 16) }],
      startTime: starts[i],
      duration,
      tags,
      logs: isError
        ? [{ timestamp: starts[i] + Math.floor(duration / 2), fields: [{ key: 'event', type: 'string', value: 'error' }, { key: 'message', type: 'string', value: 'upstream call failed: deadline exceeded' }] }]
        : [],
      processID: `p${p}`,
      warnings: null,
    }
  }
  return { traceID, processes, span }
}

/** A Jaeger trace of n spans: fan-out 4–6 per level, children inside their parent's time. */
export function jaegerTrace(n, seed = 7) {
  const { traceID, processes, span } = jaegerParts(n, seed)
  const spans = new Array(n)
  for (let i = 0; i < n; i++) spans[i] = span(i)
  return { data: [{ traceID, spans, processes, warnings: null }] }
}

/**
 * Writes the same file as JSON.stringify(jaegerTrace(n, seed)) to `file`, a span at a time: a
 * 1,000,000-span file (about 750 MB) is longer than the longest string V8 can hold, here as in
 * the browser. Returns the file's size in bytes.
 */
export function writeJaegerTraceFile(file, n, seed = 7) {
  const { traceID, processes, span } = jaegerParts(n, seed)
  const fd = openSync(file, 'w')
  let bytes = 0
  let buf = []
  let pending = 0
  const put = (s) => {
    buf.push(s)
    pending += s.length
    if (pending < 4 << 20) return
    const chunk = buf.join('')
    bytes += writeSync(fd, chunk)
    buf = []
    pending = 0
  }
  try {
    put(`{"data":[{"traceID":${JSON.stringify(traceID)},"spans":[`)
    for (let i = 0; i < n; i++) put((i > 0 ? ',' : '') + JSON.stringify(span(i)))
    put(`],"processes":${JSON.stringify(processes)},"warnings":null}]}`)
    if (pending > 0) bytes += writeSync(fd, buf.join(''))
  } finally {
    closeSync(fd)
  }
  return bytes
}

async function openFile(browser, baseUrl, file) {
  const { context, page } = await newLongTaskPage(browser)
  await watchRowFrames(page)
  await page.addInitScript(() => {
    document.addEventListener('change', (e) => {
      if (e.target instanceof HTMLInputElement && e.target.type === 'file') window.__picked = performance.now()
    }, true)
  })
  await page.goto(`${baseUrl}/traces?now=${encodeURIComponent(PINNED)}&latency=0&range=5m`)
  await page.getByTestId('trace-file-input').waitFor({ state: 'attached', timeout: 60_000 })
  // let the search page's own queries (served on the main thread by the synthetic backend) settle first
  await page.locator('table[aria-label="Matching traces"], .state-empty, .state-error').first().waitFor({ timeout: 120_000 })
  await page.getByTestId('trace-file-input').setInputFiles(file)
  const frames = await rowFrames(page)
  const m = await page.evaluate(([t, w]) => {
    const tasks = window.__longTasks.filter((x) => x.start >= window.__picked && x.start < t)
    const mark = (name) => performance.getEntriesByName(name).at(-1)?.startTime ?? NaN
    // builds before the trace page opened at the start of the hand-over had no file-start mark
    const start = Number.isNaN(mark('tracelens:file-start')) ? mark('tracelens:file-parsed') : mark('tracelens:file-start')
    return {
      ms: t - window.__picked,
      wholeMs: w - window.__picked,
      readMs: mark('tracelens:file-read') - window.__picked,
      parseMs: start - mark('tracelens:file-read'),
      viewMs: t - start,
      longTasks: tasks.length,
      longest: tasks.reduce((a, x) => Math.max(a, x.duration), 0),
    }
  }, [frames.rows, frames.gantt])
  return { context, page, ...m }
}


export const cases = SIZES.map((n) => ({
  name: `trace-file: Jaeger JSON ${n / 1000}k spans`,
  run: async ({ browser, baseUrl, record }) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tracelens-file-'))
    const file = path.join(dir, `jaeger-${n}.json`)
    try {
      const text = JSON.stringify(jaegerTrace(n))
      writeFileSync(file, text)
      // warm-up, so the build's chunks are cached like for a returning user
      const warm = await openFile(browser, baseUrl, file)
      await warm.context.close()
      const { context, page, ms, wholeMs, readMs, parseMs, viewMs, longTasks, longest } = await openFile(browser, baseUrl, file)
      record('file size', text.length / 2 ** 20, 'MB')
      record('first rows visible from file pick', ms, 'ms', { target: `< ${JAEGER[n]} Jaeger (from navigation)${n >= 50_000 ? ' / 4' : ''}` })
      record('  of which: reading the file (in the worker)', readMs, 'ms')
      record('  of which: parsing and converting in the worker', parseMs, 'ms')
      record('  of which: trace page opened → first rows (tree order worked out in the worker, first block handed over)', viewMs, 'ms')
      record('whole trace shown from file pick (every tool working)', wholeMs, 'ms')
      record('long tasks > 50 ms between pick and first rows', longTasks, 'count', { note: `longest ${Math.round(longest)} ms` })
      const heap = await heapMB(page)
      record('JS heap after load', heap, 'MB', JAEGER_HEAP[n] ? { target: `≤ ${JAEGER_HEAP[n] / 2} MB` } : {})
      await context.close()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  },
}))

// Traces too big for the usual run, opt-in: BENCH_BIG_TRACE_FILES=1 (250k, 500k and 1M spans) or a
// list of span counts (BENCH_BIG_TRACE_FILES=250000,400000). Each size is opened once, in a fresh
// browser context (cold: no warm-up, which would double a minute-long run). Records whether the
// trace opened, the message shown if it did not, the times to the first rows and the complete
// Gantt, and the peak resident memory of the renderer processes (the page and its workers run in
// them) sampled every 100 ms from /proc while the file is read.
const BIG = (() => {
  const v = process.env.BENCH_BIG_TRACE_FILES
  if (!v) return []
  if (v === '1') return [250_000, 500_000, 1_000_000]
  return v.split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0)
})()

/** Resident MB of the Chromium renderer processes started by this Node process (Linux /proc; null elsewhere). */
function rendererRssMB() {
  let pids
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d))
  } catch {
    return null
  }
  const parent = new Map()
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      parent.set(pid, stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
    } catch {
      // gone meanwhile
    }
  }
  const mine = (pid) => {
    for (let p = pid, hops = 0; p && p !== '0' && hops < 20; p = parent.get(p), hops++) if (p === String(process.pid)) return true
    return false
  }
  let kb = 0
  for (const pid of parent.keys()) {
    if (!mine(pid)) continue
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) continue
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
      if (m) kb += Number(m[1])
    } catch {
      // gone meanwhile
    }
  }
  return kb / 1024
}

export const bigCases = BIG.map((n) => ({
  name: `trace-file: big Jaeger JSON ${n / 1000}k spans`,
  run: async ({ browser, baseUrl, record }) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tracelens-bigfile-'))
    const file = path.join(dir, `jaeger-${n}.json`)
    try {
      const bytes = writeJaegerTraceFile(file, n)
      record('file size', bytes / 2 ** 20, 'MB')
      const { context, page } = await newLongTaskPage(browser)
      let crashed = false
      page.on('crash', () => (crashed = true))
      await watchRowFrames(page)
      await page.addInitScript(() => {
        document.addEventListener('change', (e) => {
          if (e.target instanceof HTMLInputElement && e.target.type === 'file') window.__picked = performance.now()
        }, true)
      })
      await page.goto(`${baseUrl}/traces?now=${encodeURIComponent(PINNED)}&latency=0&range=5m`)
      await page.getByTestId('trace-file-input').waitFor({ state: 'attached', timeout: 60_000 })
      await page.locator('table[aria-label="Matching traces"], .state-empty, .state-error').first().waitFor({ timeout: 120_000 })
      const before = rendererRssMB()
      let peak = before ?? 0
      const sampler = setInterval(() => (peak = Math.max(peak, rendererRssMB() ?? 0)), 100)
      const t0 = Date.now()
      try {
        await page.getByTestId('trace-file-input').setInputFiles(file)
        const outcome = await Promise.race([
          page.waitForFunction(() => window.__rowFrames?.gantt != null, undefined, { timeout: 300_000 }).then(() => 'opened'),
          page.getByTestId('trace-file-error').waitFor({ timeout: 300_000 }).then(() => 'message'),
          new Promise((resolve) => page.once('crash', () => resolve('crash'))),
        ]).catch((e) => `timeout (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`)
        const wall = Date.now() - t0
        clearInterval(sampler)
        record('opened (1 = complete Gantt on screen)', outcome === 'opened' ? 1 : 0, '', { note: outcome })
        if (outcome === 'opened') {
          const f = await page.evaluate(() => ({ rows: window.__rowFrames.rows - window.__picked, gantt: window.__rowFrames.gantt - window.__picked }))
          record('first rows visible from file pick', f.rows, 'ms', { target: '< 3000 ms' })
          record('complete Gantt from file pick', f.gantt, 'ms', { target: '< 15000 ms' })
          record('JS heap of the page after load (workers not included)', await heapMB(page), 'MB')
        } else if (outcome === 'message') {
          const text = await page.getByTestId('trace-file-error').innerText()
          record('time to the message from file pick (bench clock)', wall, 'ms', { note: text.replace(/\s+/g, ' ').replace(/\|/g, '/').slice(0, 300) })
        } else {
          record('time until the outcome (bench clock)', wall, 'ms', { note: crashed ? 'the page crashed' : outcome })
        }
        if (before != null) {
          record('renderer processes resident before the pick', before, 'MB')
          record('renderer processes resident, peak while reading (page + workers)', peak, 'MB', { target: '< 1200 MB' })
        }
      } finally {
        clearInterval(sampler)
        await context.close()
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  },
}))

cases.push(...bigCases)
