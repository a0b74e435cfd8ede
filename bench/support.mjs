// Shared by the bench cases: a fresh page that records long tasks (> 50 ms) into window.__longTasks.

/**
 * The marks the trace loader left (`tracelens:trace-*` on the page, `tracelens:trace-worker-*` from
 * the reader worker) and the resource timing of the trace request (the first resource whose address
 * matches `request`), as ms from navigation.
 */
export async function tracePhaseMarks(page, request) {
  return page.evaluate((source) => {
    const req = performance.getEntriesByType('resource').find((e) => new RegExp(source).test(e.name))
    const marks = performance.getEntriesByType('mark').filter((m) => m.name.startsWith('tracelens:trace'))
    return {
      'trace request sent (resource timing)': req?.requestStart ?? NaN,
      'trace first byte (resource timing)': req?.responseStart ?? NaN,
      'trace last byte (resource timing)': req?.responseEnd ?? NaN,
      ...Object.fromEntries(marks.map((m) => [m.name.replace('tracelens:trace-', ''), m.startTime])),
    }
  }, request.source)
}

/** Opens a new 1440×900 context and page whose long tasks are recorded from the first script on. */
export async function newLongTaskPage(browser) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
  const page = await context.newPage()
  // BENCH_DOWNLOAD_MBPS: the page's downloads limited to that many megabits a second (a backend
  // across a network instead of on loopback), by Chromium's network emulation
  const mbps = Number(process.env.BENCH_DOWNLOAD_MBPS ?? 0)
  if (mbps > 0) {
    const cdp = await context.newCDPSession(page)
    await cdp.send('Network.enable')
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: (mbps * 1e6) / 8, uploadThroughput: -1 })
  }
  await page.addInitScript(() => {
    window.__longTasks = []
    // the scripts the longest animation frame between `from` and `to` ran (what a long task was), in words
    window.__longestFrameScripts = (from, to) =>
      new Promise((resolve) => {
        const got = []
        const o = new PerformanceObserver((l) => got.push(...l.getEntries()))
        o.observe({ type: 'long-animation-frame', buffered: true })
        setTimeout(() => {
          o.disconnect()
          const worst = got.filter((e) => e.startTime >= from && e.startTime <= to).reduce((w, e) => (!w || e.duration > w.duration ? e : w), null)
          const scripts = worst ? worst.scripts.map((x) => `${x.invoker || '?'} → ${x.sourceFunctionName || '?'} (${(x.sourceURL || '').split('/').pop()}) ${Math.round(x.duration)} ms`) : []
          resolve(scripts.slice(0, 3).join('; '))
        }, 100)
      })
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration })
    }).observe({ type: 'longtask', buffered: true })
  })
  return { context, page }
}

/**
 * Records, in the page, the first animation frame in which span rows are on screen (any treegrid
 * row, the preview of a streamed trace included) and the first with the complete Gantt: the time
 * the frame that paints them begins (the first frame after they were added to the page). Read in the page, the figures carry none of the delay of a
 * poll from the bench process, which on a busy two-core machine adds a few hundred ms.
 */
export async function watchRowFrames(page) {
  await page.addInitScript(() => {
    window.__rowFrames = { rows: null, gantt: null }
    // DOM changes are watched, not every frame: a frame loop would make the page draw 60 frames
    // a second while it loads, work the page itself does not ask for
    const seen = { rows: false, gantt: false }
    const observer = new MutationObserver(() => {
      const f = window.__rowFrames
      for (const [key, selector] of [['rows', '[role="treegrid"] [role="row"]'], ['gantt', '[data-testid="gantt"] [role="row"]']]) {
        if (seen[key] || !document.querySelector(selector)) continue
        seen[key] = true
        // the frame that paints them
        requestAnimationFrame(() => {
          f[key] = performance.now()
        })
      }
      if (seen.gantt) observer.disconnect()
    })
    observer.observe(document, { childList: true, subtree: true })
  })
}

/** The frames watchRowFrames saw, once the complete Gantt is on screen: { rows, gantt } in ms. */
export async function rowFrames(page, timeout = 180_000) {
  await page.waitForFunction(() => window.__rowFrames?.gantt != null, undefined, { timeout })
  return page.evaluate(() => window.__rowFrames)
}

/** MB of the page's JS heap after a garbage collection (the page's own isolate; workers not included). */
export async function heapMB(page) {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('HeapProfiler.collectGarbage')
  const { usedSize } = await cdp.send('Runtime.getHeapUsage')
  await cdp.detach()
  return usedSize / 2 ** 20
}

/** A deterministic generator of numbers in [0, 1) from a seed (mulberry32, as the synthetic world's Rng). */
export function seededRandom(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
