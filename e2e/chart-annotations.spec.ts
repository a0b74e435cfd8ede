import { expect, test } from '@playwright/test'
import { injectAnswer, PINNED_NOW } from './support/app'
import { ERROR_CHART, MetricsPage } from './pages/metrics-page'
import { readHooks } from './support/hooks'

const MIN = 60_000
const NOW = Date.parse(PINNED_NOW)
const alert = (id: string, startMin: number, endMin: number | null, summary: string, severity: 'warning' | 'critical' = 'warning') => ({
  id, service: 'stock-service', severity, startsAt: NOW - startMin * MIN, endsAt: endMin === null ? null : NOW - endMin * MIN, summary, metric: 'error_rate',
})
// in the last hour: an alert storm (four alerts within three minutes) near its start, and two
// close alerts near its end, each group far enough from the other for its labels
const ALERTS = [
  alert('storm-1', 58, null, 'ReserveStock error rate above 5%', 'critical'),
  alert('storm-2', 57.5, 30, 'ReserveStock p99 latency above 250 ms'),
  alert('storm-3', 57, null, 'stock-service pods restarting (CrashLoopBackOff)', 'critical'),
  alert('storm-4', 55.5, 40, 'CheckStock error rate above 1%'),
  alert('pair-1', 12, 2, 'stock-service CPU throttled above 30%'),
  alert('pair-2', 10, 1, 'stock-service heap above 90%'),
]

type Box = { text: string; x: number; y: number; w: number; h: number }
const overlap = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
const isMarkerLabel = (t: string) => /^alert: |^\d+ alerts$|^(deploy|config|scale|marked)/.test(t)
/** How many alerts a drawn label stands for: "4 alerts" → 4, "alert: …" → 1. */
const alertsOf = (t: string) => (/^(\d+) alerts$/.exec(t) ? Number(/^(\d+)/.exec(t)?.[1]) : t.startsWith('alert: ') ? 1 : 0)

for (const size of [{ width: 1280, height: 720 }, { width: 1440, height: 900 }]) {
  test(`alert and change labels on a metric chart never overlap, close alerts are staggered or counted (${size.width}×${size.height})`, async ({ page }, testInfo) => {
    test.setTimeout(120_000)
    await page.setViewportSize(size)
    const metrics = await MetricsPage.open(page, 'service=stock-service')
    await metrics.waitForChart(ERROR_CHART)
    // the world's own alerts and deploys: no drawn label overlaps another
    const own = await metrics.drawnTexts(ERROR_CHART, 1)
    const ownLabels = own.filter((b) => isMarkerLabel(b.text))
    expect(ownLabels.length).toBeGreaterThan(0)
    for (const a of ownLabels) for (const b of own) if (a !== b) expect(overlap(a, b), `"${a.text}" overlaps "${b.text}"`).toBe(false)

    // a backend with an alert storm on this service; a new range asks for its alerts again
    await injectAnswer(page, { path: '/api/v1/alerts', body: { alerts: ALERTS }, times: 1000 })
    await page.getByLabel('Time range').selectOption('1h')
    await expect(page).toHaveURL(/range=1h/)
    // the storm is counted in one label, not drawn as four piled-up texts; with two charts a row
    // the pair near the end is far enough from it to be named, staggered; with three charts a row a
    // label covers half the plot, so all six alerts are one group (read until the chart has been
    // drawn at its final width)
    const alertLabels = async () => (await metrics.drawnTexts(ERROR_CHART, ALERTS.length)).map((b) => b.text).filter((t) => alertsOf(t) > 0).sort()
    await expect
      .poll(alertLabels, { timeout: 15_000 })
      .toEqual(size.width === 1280 ? ['4 alerts', `alert: ${ALERTS[4]?.summary}`, `alert: ${ALERTS[5]?.summary}`] : ['6 alerts'])
    await page.screenshot({ path: testInfo.outputPath('alert-storm.png') })
    const drawn = await metrics.drawnTexts(ERROR_CHART, ALERTS.length)
    const labels = drawn.filter((b) => isMarkerLabel(b.text))
    for (const a of labels) for (const b of drawn) if (a !== b) expect(overlap(a, b), `"${a.text}" overlaps "${b.text}"`).toBe(false)
    // every alert is accounted for by a label: none silently dropped
    expect(labels.reduce((n, b) => n + alertsOf(b.text), 0)).toBe(ALERTS.length)
    const pair = labels.filter((b) => b.text.startsWith('alert: stock-service'))
    if (pair.length === 2) expect(Math.abs((pair[0]?.y ?? 0) - (pair[1]?.y ?? 0))).toBeGreaterThan(50)
    // pointing into the storm lists its alerts in full
    const [x, y] = await readHooks(page, (h, t) => h.charts?.get('metric-chart-error_rate')?.convertToPixel({ xAxisIndex: 0, yAxisIndex: 0 }, [t, 0]) ?? [0, 0], NOW - 54 * MIN)
    const box = await metrics.chart(ERROR_CHART).boundingBox()
    if (!box) throw new Error('chart not laid out')
    await page.mouse.move(box.x + x, box.y + y - 60)
    for (const a of ALERTS.filter((a) => a.id.startsWith('storm'))) await expect(metrics.chart(ERROR_CHART)).toContainText(a.summary)
  })
}
