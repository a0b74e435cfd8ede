import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { prometheusMissing, startPrometheusStack } from './support/prometheus-harness.mjs'
import type { PrometheusStack } from './support/prometheus-harness.mjs'
import { readHooks, waitForHooks } from './support/hooks'

/**
 * Integration test against a real Prometheus (Debian's package): it scrapes the exporter in
 * e2e/support/prometheus-exporter.mjs (span metrics and service-graph series with exemplars, in
 * OpenMetrics), and the console reads it with `metrics: { kind: "prometheus" }` from config.json.
 * Traces stay synthetic. The clock is not pinned: Prometheus holds data around the real now.
 */

const base = Number(process.env.E2E_PORT ?? 4173) + 10_000
const missing = prometheusMissing()
let stack: PrometheusStack | null = null

test.describe.configure({ mode: 'serial' })

test.beforeAll(async () => {
  if (missing) {
    console.log(`[backends-prometheus] skipped: ${missing}`)
    return
  }
  test.setTimeout(60_000)
  stack = await startPrometheusStack({ promPort: base, exporterPort: base + 1 })
})

test.afterAll(async () => {
  await stack?.stop()
})

test.beforeEach(async ({ page }) => {
  test.skip(missing !== null, missing ?? '')
  const promUrl = stack?.promUrl
  await page.route('**/config.json', (route) =>
    route.fulfill({ json: { traces: { kind: 'synthetic' }, metrics: { kind: 'prometheus', baseUrl: promUrl }, syntheticLatencyMs: 0 } }),
  )
})

/** The values of a chart's line series, keyed by series id, once every line has data. */
async function lineValues(page: Page, testId: string): Promise<Record<string, number[]>> {
  await expect(page.getByTestId(testId)).toBeVisible()
  await waitForHooks(page, (h, id) => {
    const lines = h.charts?.get(id)?.getOption().series?.filter((s) => s.type === 'line' && !String(s.id).startsWith('yesterday'))
    return !!lines?.some((s) => (s.data?.length ?? 0) > 0)
  }, testId)
  return readHooks(page, (h, id) => {
    const out: Record<string, number[]> = {}
    for (const s of h.charts?.get(id)?.getOption().series ?? []) {
      if (s.type !== 'line' || String(s.id).startsWith('yesterday') || !s.data?.length) continue
      out[String(s.id)] = (s.data as [number, number | null][]).map((p) => p[1]).filter((v): v is number => v !== null)
    }
    return out
  }, testId)
}

/** The median: robust to the one point whose rate window straddles the end of the backfilled history. */
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

test('metrics view: RED series and exemplars from Prometheus, exemplar opens its trace', async ({ page }, testInfo) => {
  await page.goto(`/metrics?service=api-gateway&operation=${encodeURIComponent('POST /api/checkout')}&range=15m`)
  await expect(page.getByTestId('source-indicator')).toContainText('Prometheus metrics')

  const rate = Object.values(await lineValues(page, 'metric-chart-request_rate'))[0]
  expect(median(rate)).toBeCloseTo(30, 1)
  const errors = Object.values(await lineValues(page, 'metric-chart-error_rate'))[0]
  expect(median(errors)).toBeCloseTo(0.2, 3)
  const latency = Object.values(await lineValues(page, 'metric-chart-latency')).map(median).sort((a, b) => a - b)
  // all calls between 100 and 250 ms: p50 175 ms, p95 242.5 ms, p99 248.5 ms (in µs)
  expect(latency[0]).toBeCloseTo(175_000, -2)
  expect(latency[2]).toBeCloseTo(248_500, -2)

  await expect(page.getByTestId('exemplar-count')).toContainText('2 exemplars shown of 2')
  await page.screenshot({ path: testInfo.outputPath('metrics-prometheus.png'), fullPage: true })

  const dot = await readHooks(page, (h) => {
    const chart = h.charts?.get('metric-chart-latency')
    const ex = chart?.getOption().series?.find((s) => s.id === 'exemplars')
    const failing = (ex?.data as { value: [number, number]; traceId: string }[]).find((d) => d.traceId.startsWith('7f3c'))
    if (!chart || !failing) throw new Error('no exemplar drawn')
    const [x, y] = chart.convertToPixel({ seriesId: 'exemplars' }, failing.value)
    return { x, y }
  })
  await page.getByTestId('metric-chart-latency').click({ position: dot })
  await expect(page).toHaveURL(/\/traces\/7f3c9a2b1d4e5f60718293a4b5c6d7e8/)
})

test('topology view: the service graph from Prometheus, with the served rates', async ({ page }, testInfo) => {
  await page.goto('/topology?range=15m')
  const nodes = page.getByRole('list', { name: 'Nodes of the graph' })
  await expect(nodes.getByRole('button')).toHaveCount(5, { timeout: 20_000 })
  for (const name of ['api-gateway', 'catalog-service', 'checkout-bff', 'mysql-stock', 'stock-service'])
    await expect(nodes.getByRole('button', { name: new RegExp(name) })).toBeVisible()
  // an entry is measured by what it calls: 30/s with 6 failing plus 50/s without
  await expect(nodes.getByRole('button', { name: /api-gateway/ })).toContainText('80/s · 7.5 %')
  await nodes.getByRole('button', { name: /stock-service/ }).first().click()
  const details = page.getByRole('complementary', { name: 'Details' })
  await expect(details.getByRole('heading', { name: 'stock-service' })).toBeVisible()
  await expect(details.getByText('10/s', { exact: true }).first()).toBeVisible()
  await expect(details.getByText('30 %', { exact: true }).first()).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('topology-prometheus.png'), fullPage: true })
  await page.getByRole('button', { name: 'Switch to dark theme' }).click()
  await page.screenshot({ path: testInfo.outputPath('topology-prometheus-dark.png'), fullPage: true })
})
