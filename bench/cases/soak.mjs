import { readFileSync } from 'node:fs'
import { newLongTaskPage } from '../support.mjs'
// Memory soak: the live topology left running against the synthetic backend, at the default scale
// and at ?scale=1000, sampling every target's JS heap after a garbage collection (the page, its
// dedicated workers: the two world workers, the layout and analysis workers; MSW's service worker),
// their ArrayBuffers and Blink heap, the page's DOM counters, and the resident memory of the
// browser's renderer processes. Reported for page, workers and service worker apart and together:
// start, end of the warm-up and end, and the growth after the warm-up against ±10 % (JS heaps and
// renderer RSS), with a verdict line.
//   SOAK_MINUTES         duration per scale (default 30; 0 leaves the soak out)
//   SOAK_WARMUP_MINUTES  warm-up not counted in the growth (default 40 % of the duration, at most 12:
//                        the world's caches drop what a view stopped asking for after 10 minutes idle,
//                        so their size settles about 10 minutes after the view opens)
//   SOAK_SAMPLE_SECONDS  time between samples (default 30)
//   SOAK_REFRESH_SECONDS the topology's live refresh (default 10)
const MINUTES = Number(process.env.SOAK_MINUTES ?? 30)
const WARMUP = Number(process.env.SOAK_WARMUP_MINUTES ?? Math.min(12, MINUTES * 0.4))
const SAMPLE_S = Number(process.env.SOAK_SAMPLE_SECONDS ?? 30)
const REFRESH_S = Number(process.env.SOAK_REFRESH_SECONDS ?? 10)

/** Speaks CDP to one target through the browser session (non-flattened: messages wrapped per session). */
function targetChannel(session) {
  const pending = new Map()
  let next = 0
  session.on('Target.receivedMessageFromTarget', (e) => {
    const m = JSON.parse(e.message)
    const done = pending.get(`${e.sessionId}|${m.id}`)
    if (done) {
      pending.delete(`${e.sessionId}|${m.id}`)
      done(m)
    }
  })
  return (sessionId, method, params = {}) =>
    new Promise((resolve) => {
      const id = ++next
      pending.set(`${sessionId}|${id}`, resolve)
      session.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(() => resolve({ error: 'gone' }))
      // a target that went away never answers
      setTimeout(() => {
        if (pending.delete(`${sessionId}|${id}`)) resolve({ error: 'timeout' })
      }, 30_000)
    })
}

/** JS heap of every page, worker and service worker after a GC, in MB, by kind; and the page's DOM counters. */
async function heaps(session, send, attached) {
  const { targetInfos } = await session.send('Target.getTargets')
  const wanted = targetInfos.filter((t) => ['page', 'worker', 'service_worker'].includes(t.type) && !t.url.startsWith('chrome'))
  for (const t of wanted) {
    if (attached.has(t.targetId)) continue
    const { sessionId } = await session.send('Target.attachToTarget', { targetId: t.targetId, flatten: false })
    attached.set(t.targetId, { sessionId, type: t.type, name: t.title || t.url })
  }
  const live = new Set(wanted.map((t) => t.targetId))
  const out = { page: 0, workers: 0, serviceWorker: 0, targets: 0, allocated: 0, buffers: 0, embedder: 0, byTarget: [], dom: null }
  for (const [id, a] of attached) {
    if (!live.has(id)) {
      attached.delete(id)
      continue
    }
    await send(a.sessionId, 'HeapProfiler.collectGarbage')
    const r = await send(a.sessionId, 'Runtime.getHeapUsage')
    if (!r.result) continue
    const mb = r.result.usedSize / 2 ** 20
    out.targets++
    out.allocated += r.result.totalSize / 2 ** 20
    // outside the JS heap: ArrayBuffer backing stores, and Blink's own (C++) heap
    const buffers = (r.result.backingStorageSize ?? 0) / 2 ** 20
    out.buffers += buffers
    out.embedder += (r.result.embedderHeapUsedSize ?? 0) / 2 ** 20
    out.byTarget.push(`${a.type === 'service_worker' ? 'sw' : a.type} ${mb.toFixed(1)}+${buffers.toFixed(1)}`)
    if (a.type === 'page') {
      out.page += mb
      const d = await send(a.sessionId, 'Memory.getDOMCounters')
      if (d.result) out.dom = d.result
    } else if (a.type === 'worker') out.workers += mb
    else out.serviceWorker += mb
  }
  return out
}

/**
 * Resident memory of the browser's renderer processes (page, workers and service worker run there),
 * in MB, split as Linux counts it: anonymous (heaps, V8, Skia's bitmaps), file-backed (code and fonts
 * mapped from disk) and shared memory (what the renderer shares with the browser and GPU processes);
 * null off Linux.
 */
async function rendererRss(session) {
  try {
    const { processInfo } = await session.send('SystemInfo.getProcessInfo')
    const kb = { total: 0, anon: 0, file: 0, shmem: 0, processes: 0, each: [] }
    for (const p of processInfo.filter((x) => x.type === 'renderer')) {
      const status = readFileSync(`/proc/${p.id}/status`, 'utf8')
      const field = (name) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0)
      kb.total += field('VmRSS')
      kb.anon += field('RssAnon')
      kb.file += field('RssFile')
      kb.shmem += field('RssShmem')
      kb.processes++
      kb.each.push(Math.round(field('VmRSS') / 1024))
    }
    return { total: kb.total / 1024, anon: kb.anon / 1024, file: kb.file / 1024, shmem: kb.shmem / 1024, processes: kb.processes, each: kb.each }
  } catch {
    return null
  }
}

const pct = (a, b) => ((b - a) / a) * 100
const signed = (x) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(1)} %`

async function soak(browser, baseUrl, record, query) {
  const { context, page } = await newLongTaskPage(browser)
  const session = await browser.newBrowserCDPSession()
  const send = targetChannel(session)
  const attached = new Map()
  const samples = []
  try {
    await page.goto(`${baseUrl}/topology?latency=0&refresh=${REFRESH_S}${query}`)
    await page.waitForFunction(() => (window.__tracelensGraph?.nodes().length ?? 0) > 0, undefined, { timeout: 300_000 })
    const t0 = Date.now()
    const end = t0 + MINUTES * 60_000
    for (;;) {
      const h = await heaps(session, send, attached)
      const rss = await rendererRss(session)
      const min = (Date.now() - t0) / 60_000
      samples.push({ min, ...h, total: h.page + h.workers + h.serviceWorker, rss })
      const dom = h.dom ? `, DOM ${h.dom.nodes} nodes / ${h.dom.documents} documents / ${h.dom.jsEventListeners} listeners` : ''
      const r = rss === null ? '' : `, renderer RSS ${rss.total.toFixed(0)} MB (anon ${rss.anon.toFixed(0)}, file ${rss.file.toFixed(0)}, shmem ${rss.shmem.toFixed(0)}; ${rss.processes} processes: ${rss.each.join(' + ')} MB)`
      console.log(`    ${min.toFixed(1)} min: page ${h.page.toFixed(1)} MB, workers ${h.workers.toFixed(1)} MB, service worker ${h.serviceWorker.toFixed(1)} MB (${h.targets} targets, V8 allocated ${h.allocated.toFixed(0)} MB, ArrayBuffers ${h.buffers.toFixed(1)} MB, Blink heap ${h.embedder.toFixed(1)} MB; heap+buffers by target: ${h.byTarget.join(', ')})${dom}${r}`)
      if (Date.now() >= end) break
      await page.waitForTimeout(Math.min(SAMPLE_S * 1000, Math.max(0, end - Date.now())))
    }
  } finally {
    await session.detach().catch(() => {})
    await context.close()
  }
  const first = samples[0]
  const warm = samples.find((s) => s.min >= WARMUP) ?? samples[0]
  const last = samples[samples.length - 1]
  const after = samples.filter((s) => s.min >= warm.min)
  const note = `${MINUTES} min, warm-up ${WARMUP} min, refresh ${REFRESH_S} s, ${samples.length} samples every ${SAMPLE_S} s`
  const split = (s) => `page ${s.page.toFixed(1)}, workers ${s.workers.toFixed(1)}, service worker ${s.serviceWorker.toFixed(1)}`
  record('JS heaps after GC at the start (page + workers + service worker)', first.total, 'MB', { note: split(first) })
  record('JS heaps after GC at end of warm-up (page + workers + service worker)', warm.total, 'MB', { note: `${split(warm)}; ${note}` })
  record('JS heaps after GC at the end', last.total, 'MB', { note: split(last) })
  for (const kind of ['page', 'workers', 'serviceWorker']) {
    record(`JS heap growth after warm-up: ${kind === 'serviceWorker' ? 'service worker' : kind}`, pct(warm[kind], last[kind]), '%', { note: `${warm[kind].toFixed(1)} → ${last[kind].toFixed(1)} MB` })
  }
  const growth = pct(warm.total, last.total)
  record('JS heap growth after warm-up (page + workers + service worker)', growth, '%', {
    target: '±10 %',
    note: `${Math.abs(growth) <= 10 ? 'within' : 'OUTSIDE'} ±10 %: ${warm.total.toFixed(1)} MB at ${warm.min.toFixed(1)} min → ${last.total.toFixed(1)} MB at ${last.min.toFixed(1)} min`,
  })
  record('JS heap range after warm-up (max − min)', Math.max(...after.map((s) => s.total)) - Math.min(...after.map((s) => s.total)), 'MB')
  if (last.rss !== null && warm.rss !== null && first.rss !== null) {
    const g = pct(warm.rss.total, last.rss.total)
    record('renderer RSS growth after warm-up (the processes page, workers and service worker run in)', g, '%', {
      target: '±10 %',
      note: `${Math.abs(g) <= 10 ? 'within' : 'OUTSIDE'} ±10 %: ${first.rss.total.toFixed(0)} MB at the start, ${warm.rss.total.toFixed(0)} after warm-up, ${last.rss.total.toFixed(0)} at the end (anon ${warm.rss.anon.toFixed(0)} → ${last.rss.anon.toFixed(0)}, file ${warm.rss.file.toFixed(0)} → ${last.rss.file.toFixed(0)}, shmem ${warm.rss.shmem.toFixed(0)} → ${last.rss.shmem.toFixed(0)})`,
    })
  }
  console.log(`    verdict: JS heaps ${signed(growth)} after warm-up${last.rss && warm.rss ? `, renderer RSS ${signed(pct(warm.rss.total, last.rss.total))}` : ''} (limit ±10 %)`)
}

// SOAK_MINUTES=0 leaves the soak out of `npm run bench`
export const cases = MINUTES <= 0 ? [] : [
  { name: 'soak: live topology, default scale', run: ({ browser, baseUrl, record }) => soak(browser, baseUrl, record, '') },
  { name: 'soak: live topology, scale=1000', run: ({ browser, baseUrl, record }) => soak(browser, baseUrl, record, '&scale=1000') },
]
