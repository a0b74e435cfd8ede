// Shared by the bench cases: a fresh page that records long tasks (> 50 ms) into window.__longTasks.

/** Opens a new 1440×900 context and page whose long tasks are recorded from the first script on. */
export async function newLongTaskPage(browser) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
  const page = await context.newPage()
  await page.addInitScript(() => {
    window.__longTasks = []
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration })
    }).observe({ type: 'longtask', buffered: true })
  })
  return { context, page }
}

/** MB of the page's JS heap after a garbage collection (the page's own isolate; workers not included). */
export async function heapMB(page) {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('HeapProfiler.collectGarbage')
  const { usedSize } = await cdp.send('Runtime.getHeapUsage')
  await cdp.detach()
  return usedSize / 2 ** 20
}
