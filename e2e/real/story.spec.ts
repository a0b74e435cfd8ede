import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { pointConsoleAt, realStack } from '../support/real-stack.mjs'
import { keepChartRegistry, keepTestHooks, readHooks, waitForHooks } from '../support/hooks'

/**
 * The user story against the real servers (e2e/support/real-stack.mjs: Jaeger v2 built from module
 * v1.75.0, the collector's spanmetrics and servicegraph connectors, Prometheus with exemplar storage),
 * through both Jaeger APIs the version offers: the classic API and v3 (v1.75 reads no attributes, so
 * tag and status filters are applied by the console and said so).
 */
const stack = realStack()
type JaegerTag = { key: string; value: unknown }
type JaegerSpan = { spanID: string; operationName: string; processID: string; tags: JaegerTag[] }
type JaegerTrace = { spans: JaegerSpan[]; processes: Record<string, { serviceName: string }> }

const rows = (page: Page) => page.getByRole('table', { name: 'Matching traces' }).getByTestId('trace-row')
const gantt = (page: Page) => page.getByRole('treegrid', { name: 'Spans of this trace', exact: true })
const spanCount = (page: Page) => page.locator('dt', { hasText: /^Spans$/ }).locator('xpath=following-sibling::dd[1]')

async function jaegerTrace(id: string): Promise<JaegerTrace> {
  if (stack.skip !== null) throw new Error(stack.skip)
  const r = await fetch(`${stack.jaegerUrl}/api/traces/${id}`)
  return ((await r.json()) as { data: JaegerTrace[] }).data[0]
}
const spanOf = (t: JaegerTrace, service: string, op: string): JaegerSpan => {
  const s = t.spans.find((x) => t.processes[x.processID].serviceName === service && x.operationName === op)
  if (!s) throw new Error(`no ${service} "${op}" span`)
  return s
}
const tagOf = (s: JaegerSpan, key: string) => s.tags.find((t) => t.key === key)?.value

/** Charts register themselves for tests in a registry the page must have before it loads (MSW's start makes it for synthetic data). */
const exposeCharts = keepChartRegistry

/** The last value of a chart's first line after a fresh load (the servers' rates ramp up over the first minute). */
async function lastValue(page: Page, testId: string): Promise<number> {
  await page.reload()
  const values = await lineValues(page, testId)
  return values.at(-1) ?? 0
}

/** A chart's line values (the first line), once it has data. */
async function lineValues(page: Page, testId: string): Promise<number[]> {
  await expect(page.getByTestId(testId)).toBeVisible({ timeout: 30_000 })
  await waitForHooks(page, (h, id) => {
    const lines = h.charts?.get(id)?.getOption().series?.filter((s) => s.type === 'line' && !String(s.id).startsWith('yesterday'))
    return !!lines?.some((s) => (s.data?.length ?? 0) > 0)
  }, testId, { timeout: 30_000 })
  return readHooks(page, (h, id) => {
    const line = h.charts?.get(id)?.getOption().series?.find((s) => s.type === 'line' && !String(s.id).startsWith('yesterday') && s.data?.length)
    return ((line?.data ?? []) as [number, number | null][]).map((p) => p[1]).filter((v): v is number => v !== null)
  }, testId)
}

test.beforeEach(() => {
  test.skip(stack.skip !== null, stack.skip ?? '')
})

for (const api of ['auto', 'legacy'] as const) {
  const label = api === 'legacy' ? 'classic API' : 'v3 API (found by detection)'

  test(`${label}: search by service, operation, tag, status and duration lists only the traces that match`, async ({ page }, testInfo) => {
    if (stack.skip !== null) return
    await pointConsoleAt(page, { jaegerApi: api })
    const q = new URLSearchParams({ service: 'checkout', operation: 'POST /orders', tag: 'http.response.status_code=502', status: 'error', minDuration: '1', range: '15m' })
    await page.goto(`/traces?${q.toString()}`)
    await expect(rows(page).first()).toBeVisible({ timeout: 30_000 })
    // Jaeger v1.75 applies neither tags (v3) nor the status reliably (classic, in-memory storage): the page says what it did
    await expect(page.getByTestId('search-note')).toContainText('applied in the browser')
    await page.screenshot({ path: testInfo.outputPath(`story-search-${api}.png`), fullPage: true })
    const ids = await rows(page).getByRole('link').evaluateAll((links) => links.map((a) => /\/traces\/([0-9a-f]{32})/.exec(a.getAttribute('href') ?? '')?.[1] ?? ''))
    expect(ids).toContain(stack.manifest.traces.errorChain)
    for (const id of ids.slice(0, 5)) {
      const orders = spanOf(await jaegerTrace(id), 'checkout', 'POST /orders')
      expect(tagOf(orders, 'http.response.status_code')).toBe(502)
    }
    // the working checkout is not among them
    expect(ids).not.toContain(stack.manifest.traces.checkoutOk)
  })

  test(`${label}: /errors opens without an error and finds the services where errors start`, async ({ page }) => {
    if (stack.skip !== null) return
    test.setTimeout(180_000)
    await pointConsoleAt(page, { jaegerApi: api })
    await page.goto('/errors?range=15m')
    await expect(page.getByRole('heading', { name: 'Error chains', level: 1 })).toBeVisible({ timeout: 30_000 })
    // payment's TypeError (500 → 502) and recommendations' swallowed 503 start chains; order-worker's consumer fails on its own.
    // Where an origin is listed depends on its support: payment's story chain may rest on a single trace, so it may
    // be ranked, shown apart as low evidence (a closed disclosure: read by text content), or at yesterday's level —
    // but it must be found as an origin.
    const origins = page.locator('[data-testid="root-causes"], [data-testid="low-evidence"], [data-testid="steady-origins"]')
    const originText = async () => (await origins.allTextContents()).join(' ')
    await expect.poll(originText, { timeout: 150_000 }).toContain('payment')
    expect(await originText()).toContain('recommendations')
    await expect(page.getByText('Error traces could not be loaded')).toHaveCount(0)
  })
}

test('the 20,000-span trace opens whole, and span detail maps the OpenTelemetry attributes', async ({ page }) => {
  if (stack.skip !== null) return
  test.setTimeout(120_000)
  await pointConsoleAt(page, { jaegerApi: 'auto' })
  await page.goto(`/traces/${stack.manifest.traces.big}`)
  await expect(gantt(page)).toBeVisible({ timeout: 60_000 })
  await expect(spanCount(page)).toHaveText(/20,?000/, { timeout: 60_000 })

  const chain = await jaegerTrace(stack.manifest.traces.errorChain)
  const call = spanOf(chain, 'frontend', 'POST')
  await page.goto(`/traces/${stack.manifest.traces.errorChain}?span=${call.spanID}`)
  const detail = page.getByTestId('span-detail')
  await expect(detail).toBeVisible({ timeout: 30_000 })
  // an HTTP client call: the called service from server.address, under "HTTP", no "RPC" section
  const http = detail.locator('section', { has: page.getByRole('heading', { name: 'HTTP', exact: true }) })
  await expect(http.getByRole('row', { name: 'ToService checkout', exact: true })).toBeVisible()
  await expect(detail.getByRole('heading', { name: 'RPC', exact: true })).toHaveCount(0)
  await expect(detail.getByRole('row', { name: /^Version/ })).toContainText('3.14.2')
})

test('topology from the service graph: edge links return data; /metrics counts the requests a service serves', async ({ page }) => {
  if (stack.skip !== null) return
  test.setTimeout(150_000)
  await pointConsoleAt(page, { jaegerApi: 'auto' })
  await page.goto('/topology?range=15m')
  const nodes = page.getByRole('list', { name: 'Nodes of the graph' })
  for (const name of ['frontend', 'checkout', 'payment', 'inventory', 'catalog']) await expect(nodes.getByRole('button', { name: new RegExp(`^${name}`) }).first()).toBeVisible({ timeout: 30_000 })

  await exposeCharts(page)
  await page.goto('/topology?range=15m&sel=edge:frontend->checkout')
  const details = page.getByRole('complementary', { name: 'Details' })
  await details.getByRole('link', { name: 'Metrics' }).click()
  await expect(page).toHaveURL(/\/metrics\?.*FromService/)
  // the calls from frontend to checkout have data (2 checkouts a second, once the rate window is full)
  await expect.poll(() => lastValue(page, 'metric-chart-request_rate'), { timeout: 120_000, intervals: [5_000] }).toBeGreaterThan(1.6)
  expect(await lastValue(page, 'metric-chart-request_rate')).toBeLessThan(2.4)
  await page.goto('/topology?range=15m&sel=edge:frontend->checkout')
  await page.getByRole('complementary', { name: 'Details' }).getByRole('link', { name: 'Traces of this call' }).click()
  await expect(rows(page).first()).toBeVisible({ timeout: 30_000 })

  // frontend serves 5 requests a second; its client calls (8 a second) are not its requests
  await page.goto('/metrics?service=frontend&range=15m')
  await expect.poll(() => lastValue(page, 'metric-chart-request_rate'), { timeout: 120_000, intervals: [5_000] }).toBeGreaterThan(4.5)
  expect(await lastValue(page, 'metric-chart-request_rate')).toBeLessThan(5.5)
})

test('an exemplar opens its trace from Jaeger, and Settings ticks exemplars (storage on)', async ({ page }) => {
  if (stack.skip !== null) return
  test.setTimeout(120_000)
  await pointConsoleAt(page, { jaegerApi: 'auto' })
  await page.goto('/metrics?service=checkout&range=15m')
  await page.getByTestId('exemplar-count').click({ timeout: 60_000 })
  const link = page.locator('.metrics-exemplars-list a').first()
  await expect(link).toBeVisible()
  await link.click()
  await expect(page).toHaveURL(/\/traces\/[0-9a-f]{32}/)
  await expect(gantt(page)).toBeVisible({ timeout: 30_000 })

  await page.goto('/settings')
  await expect(page.getByRole('list', { name: 'Available with this data source' })).toContainText('Exemplars', { timeout: 30_000 })
})

test('topology from Jaeger alone (metrics none): call counts, said plainly, no empty data-centre list', async ({ page }) => {
  if (stack.skip !== null) return
  await pointConsoleAt(page, { jaegerApi: 'auto', metrics: 'none' })
  await keepTestHooks(page)
  await page.goto('/topology?range=15m')
  const nodes = page.getByRole('list', { name: 'Nodes of the graph' })
  await expect(nodes.getByRole('button', { name: /^checkout/ }).first()).toBeVisible({ timeout: 30_000 })
  await expect(page.getByText(/call counts only/)).toBeVisible()
  // Jaeger reports no errors: no error share in the list (it would read 0 %) and no call coloured as healthy
  await expect(nodes.getByRole('button', { name: /^checkout/ }).first()).not.toContainText('%')
  await waitForHooks(page, (h) => (h.graph?.edges().length ?? 0) > 0 && !h.graphStats?.drawing, undefined, { timeout: 30_000 })
  expect(await readHooks(page, (h) => h.graph?.edges('.tone-ok, .tone-warning, .tone-critical').length)).toBe(0)
  await expect(page.getByText(/Nodes of\s+are shown/)).toHaveCount(0)
})
