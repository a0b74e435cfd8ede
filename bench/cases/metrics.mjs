// Metrics view: drawing many long series, and click-to-trace-list latency.
const PINNED = '2026-11-23T10:00:00.000Z'
const ERROR_CHART = 'metric-chart-error_rate'

async function waitForChart(page, testId, minPoints = 1, timeout = 120_000) {
  await page.waitForFunction(
    ({ id, n }) => {
      const c = window.__tracelensCharts?.get(id)
      return !!c && (c.getOption().series ?? []).some((s) => s.type === 'line' && (s.data?.length ?? 0) >= n)
    },
    { id: testId, n: minPoints },
    { timeout, polling: 50 },
  )
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

export const cases = [
  {
    name: 'metrics: 10 series × 1,440 points drawn',
    run: async ({ browser, baseUrl, record }) => {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
      const page = await context.newPage()
      const now = Date.parse(PINNED)
      // the label of api-gateway with the most values gives the most series when grouped
      await page.goto(`${baseUrl}/metrics?service=api-gateway&now=${encodeURIComponent(PINNED)}&latency=0`)
      await waitForChart(page, ERROR_CHART)
      const groupBy = await page.evaluate(async ({ from, to }) => {
        const r = await fetch(`/api/v1/metrics/labels?service=api-gateway&from=${from}&to=${to}`)
        const { labels } = await r.json()
        return Object.entries(labels).filter(([k]) => k !== 'operation').sort((a, b) => b[1].length - a[1].length)[0][0]
      }, { from: now - 86_400_000, to: now })
      const url = `${baseUrl}/metrics?service=api-gateway&range=24h&step=60000&groupBy=${groupBy}&now=${encodeURIComponent(PINNED)}&latency=0`
      await page.goto(url)
      await waitForChart(page, 'metric-chart-request_rate', 1000)
      const shape = await page.evaluate(() => {
        const s = (window.__tracelensCharts.get('metric-chart-request_rate').getOption().series ?? []).filter((x) => x.type === 'line' && (x.data?.length ?? 0) > 0)
        return { series: s.length, points: Math.max(...s.map((x) => x.data.length)) }
      })
      // redraw of the view's own option (no data generation involved), median of 5
      const samples = []
      for (let i = 0; i < 5; i++) {
        samples.push(
          await page.evaluate(
            () =>
              new Promise((resolve) => {
                const chart = window.__tracelensCharts.get('metric-chart-request_rate')
                const option = chart.getOption()
                const t0 = performance.now()
                chart.on('finished', function done() {
                  chart.off('finished', done)
                  resolve(performance.now() - t0)
                })
                chart.setOption(option, { notMerge: true })
              }),
          ),
        )
      }
      record(`draw ${shape.series} series × ${shape.points} points (grouped by ${groupBy}, median of 5)`, median(samples), 'ms', { target: '< 300 ms' })
      await context.close()
    },
  },
  {
    name: 'metrics: click to trace list',
    run: async ({ browser, baseUrl, record }) => {
      const CLICKS = 5
      const LIST_TIMEOUT_MS = 10_000
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
      const page = await context.newPage()
      try {
        // no latency parameter: the synthetic backend answers at its default latency
        await page.goto(`${baseUrl}/metrics?service=api-gateway&now=${encodeURIComponent(PINNED)}`)
        try {
          await waitForChart(page, ERROR_CHART, 1, 60_000)
        } catch {
          throw new Error('the error-rate chart did not draw within 60 s of loading /metrics')
        }
        // the highest points (the incident), each a distinct uncached query; pixels are read
        // again before each click because opening the list changes the layout
        // polls: right after an option update the chart has no coordinates until its next frame
        const pixelOf = async (rank) =>
          (
            await page.waitForFunction(
              ({ id, rank }) => {
                const chart = window.__tracelensCharts.get(id)
                const line = chart?.getOption().series?.find((s) => s.type === 'line' && !String(s.id).startsWith('yesterday') && (s.data?.length ?? 0) > 0)
                if (!line) return false
                const data = line.data.filter((p) => p[1] !== null)
                const p = [...data].sort((a, b) => b[1] - a[1])[rank]
                const px = chart.convertToPixel({ seriesId: line.id }, p)
                return Array.isArray(px) ? px : false
              },
              { id: ERROR_CHART, rank },
              { timeout: 10_000 },
            )
          ).jsonValue()
        const samples = []
        const failures = []
        for (let rank = 0; rank < CLICKS; rank++) {
          await page.waitForTimeout(300) // let the charts settle after the previous list closed
          const [x, y] = await pixelOf(rank)
          const box = await page.getByTestId(ERROR_CHART).boundingBox()
          await page.evaluate(() => {
            window.__benchT0 = undefined
            document.addEventListener('mousedown', () => (window.__benchT0 = performance.now()), { once: true, capture: true })
          })
          await page.mouse.click(box.x + x, box.y + y)
          try {
            const ms = await page.waitForFunction(
              () => {
                const drill = document.querySelector('[data-testid="metrics-drill"]')
                const done = drill && (drill.querySelector('[data-testid="drill-row"]') || drill.querySelector('.metrics-drill > .state-empty'))
                return done && window.__benchT0 !== undefined ? performance.now() - window.__benchT0 : false
              },
              undefined,
              { timeout: LIST_TIMEOUT_MS, polling: 'raf' },
            )
            samples.push(await ms.jsonValue())
          } catch {
            const state = await page.evaluate(() => ({
              panel: !!document.querySelector('[data-testid="metrics-drill"]'),
              searches: performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/v1/traces?') && e.startTime >= (window.__benchT0 ?? 0)).length,
            }))
            failures.push(`click ${rank + 1}: no trace list within ${LIST_TIMEOUT_MS / 1000} s (panel ${state.panel ? 'open' : 'not open'}, ${state.searches} trace searches answered)`)
          }
          if (process.env.BENCH_DEBUG) {
            console.log(`  click ${rank + 1}: ${Math.round(samples.at(-1) ?? NaN)} ms`)
            console.log(await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/v1/') && e.startTime + e.duration > window.__benchT0 - 2000).map((e) => `    ${Math.round(e.startTime - window.__benchT0)}+${Math.round(e.duration)} ${e.name.replace(location.origin, '').slice(0, 70)}`).join('\n')))
          }
          await page.waitForTimeout(1000) // the engineer reads the list: what it loads next is under way at the next click
          const close = page.getByRole('button', { name: 'Close the trace list' })
          if (await close.count()) await close.click()
        }
        if (samples.length) {
          record(`click on the error-rate spike → trace list shown (median of ${samples.length}, backend latency 120 ms)`, median(samples), 'ms', {
            target: '< 500 ms',
            note: `max ${Math.round(Math.max(...samples))} ms${failures.length ? `; ${failures.length} of ${CLICKS} clicks timed out` : ''}`,
          })
        }
        if (failures.length) throw new Error(failures.join('; '))
      } finally {
        await context.close()
      }
    },
  },
]
