import { heapMB, newLongTaskPage, rowFrames, seededRandom, watchRowFrames } from '../support.mjs'
// Opening a trace file: Jaeger JSON traces of 1k, 10k, 50k and 100k spans, picked on the search
// page (/traces). Measures the time from the file pick (the input's change event) to the first
// rows of the trace page, the long tasks in between and the JS heap after load. The file is read,
// parsed and converted in a Web Worker; only handing the trace over and the view run on the page.
// The files are generated here in Jaeger's query-API shape ({"data":[trace]}), with process
// tags, ~8 span tags, span.kind, errors and a log on some spans, like a real Jaeger export.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const PINNED = '2026-11-23T10:00:00.000Z'
const SIZES = [1_000, 10_000, 50_000, 100_000]
const JAEGER = { 1000: '1.5 s', 10000: '1.8 s', 50000: '2.7 s', 100000: '3.5 s' }
const JAEGER_HEAP = { 10000: 58, 50000: 138, 100000: 235 }


const hex = (n, width) => n.toString(16).padStart(width, '0')

/** A Jaeger trace of n spans: fan-out 4–6 per level, children inside their parent's time. */
export function jaegerTrace(n, seed = 7) {
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
  const spans = new Array(n)
  const times = new Array(n)
  for (let i = 0; i < n; i++) {
    const parent = i === 0 ? -1 : Math.floor((i - 1) / 5)
    const [pStart, pDur] = parent < 0 ? [start0, 5_000_000] : times[parent]
    const offset = Math.floor(rnd() * pDur * 0.5)
    const duration = Math.max(1, Math.floor((pDur - offset) * (0.3 + rnd() * 0.6)))
    times[i] = [pStart + offset, duration]
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
    spans[i] = {
      traceID,
      spanID: hex(i + 1, 16),
      flags: 1,
      operationName: `Operation${i % 60}`,
      references: parent < 0 ? [] : [{ refType: 'CHILD_OF', traceID, spanID: hex(parent + 1, 16) }],
      startTime: times[i][0],
      duration,
      tags,
      logs: isError
        ? [{ timestamp: times[i][0] + Math.floor(duration / 2), fields: [{ key: 'event', type: 'string', value: 'error' }, { key: 'message', type: 'string', value: 'upstream call failed: deadline exceeded' }] }]
        : [],
      processID: `p${p}`,
      warnings: null,
    }
  }
  return { data: [{ traceID, spans, processes, warnings: null }] }
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
