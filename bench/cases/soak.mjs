import { readFileSync } from 'node:fs'
import { newLongTaskPage } from '../support.mjs'
// Memory soak: the live topology left running against the synthetic backend, at the default scale
// and at ?scale=1000, sampling every target's JS heap after a garbage collection (the page, its
// dedicated workers: the two world workers, the layout and analysis workers; MSW's service worker)
// and the resident memory of the browser's renderer processes. Reported: the totals at the end of
// the warm-up and at the end, and the growth between them.
//   SOAK_MINUTES         duration per scale (default 30)
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

/** JS heap of every page, worker and service worker after a GC, in MB, by kind. */
async function heaps(session, send, attached) {
  const { targetInfos } = await session.send('Target.getTargets')
  const wanted = targetInfos.filter((t) => ['page', 'worker', 'service_worker'].includes(t.type) && !t.url.startsWith('chrome'))
  for (const t of wanted) {
    if (attached.has(t.targetId)) continue
    const { sessionId } = await session.send('Target.attachToTarget', { targetId: t.targetId, flatten: false })
    attached.set(t.targetId, { sessionId, type: t.type, name: t.title || t.url })
  }
  const live = new Set(wanted.map((t) => t.targetId))
  const out = { page: 0, workers: 0, serviceWorker: 0, targets: 0 }
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
    if (a.type === 'page') out.page += mb
    else if (a.type === 'worker') out.workers += mb
    else out.serviceWorker += mb
  }
  return out
}

/** Resident memory of the browser's renderer processes (page, workers and service worker run there), in MB; null off Linux. */
async function rendererRssMB(session) {
  try {
    const { processInfo } = await session.send('SystemInfo.getProcessInfo')
    let kb = 0
    for (const p of processInfo.filter((x) => x.type === 'renderer')) {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p.id}/status`, 'utf8'))
      if (m) kb += Number(m[1])
    }
    return kb / 1024
  } catch {
    return null
  }
}

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
      const rss = await rendererRssMB(session)
      const min = (Date.now() - t0) / 60_000
      samples.push({ min, ...h, total: h.page + h.workers + h.serviceWorker, rss })
      console.log(`    ${min.toFixed(1)} min: page ${h.page.toFixed(1)} MB, workers ${h.workers.toFixed(1)} MB, service worker ${h.serviceWorker.toFixed(1)} MB (${h.targets} targets)${rss === null ? '' : `, renderer RSS ${rss.toFixed(0)} MB`}`)
      if (Date.now() >= end) break
      await page.waitForTimeout(Math.min(SAMPLE_S * 1000, Math.max(0, end - Date.now())))
    }
  } finally {
    await session.detach().catch(() => {})
    await context.close()
  }
  const warm = samples.find((s) => s.min >= WARMUP) ?? samples[0]
  const last = samples[samples.length - 1]
  const after = samples.filter((s) => s.min >= warm.min)
  const note = `${MINUTES} min, warm-up ${WARMUP} min, refresh ${REFRESH_S} s, ${samples.length} samples`
  record('JS heaps after GC at end of warm-up (page + workers + service worker)', warm.total, 'MB', { note })
  record('JS heaps after GC at the end', last.total, 'MB', { note: `page ${last.page.toFixed(1)}, workers ${last.workers.toFixed(1)}, service worker ${last.serviceWorker.toFixed(1)}` })
  record('JS heap growth after warm-up', ((last.total - warm.total) / warm.total) * 100, '%', { target: '±10 %' })
  record('JS heap range after warm-up (max − min)', Math.max(...after.map((s) => s.total)) - Math.min(...after.map((s) => s.total)), 'MB')
  if (last.rss !== null && warm.rss !== null) {
    record('renderer RSS growth after warm-up', ((last.rss - warm.rss) / warm.rss) * 100, '%', { note: `${warm.rss.toFixed(0)} → ${last.rss.toFixed(0)} MB (all renderer processes of the bench browser)` })
  }
}

export const cases = [
  { name: 'soak: live topology, default scale', run: ({ browser, baseUrl, record }) => soak(browser, baseUrl, record, '') },
  { name: 'soak: live topology, scale=1000', run: ({ browser, baseUrl, record }) => soak(browser, baseUrl, record, '&scale=1000') },
]
