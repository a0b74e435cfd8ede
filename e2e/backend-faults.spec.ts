import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { startFaultProxy } from './support/fault-proxy.mjs'
import type { FaultProxy } from './support/fault-proxy.mjs'
import { keepChartRegistry, waitForHooks } from './support/hooks'
import { ErrorsPage } from './pages/errors-page'

/**
 * Faults between the console and its backends, injected by a stand-in server the tests start
 * (e2e/support/fault-proxy.mjs) on another origin than the console: a Jaeger query API (classic)
 * with recorded answers, and the console API's address for the "console" kind.
 */
const EMPTY_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736'
const BIG_TRACE = '7a3c5e0f9b2d4c6e8a1b3d5f7e9c0a2b'

/** A Jaeger trace of `n` spans under one root: about 140 bytes a span. */
function jaegerTrace(id: string, n: number): string {
  const t0 = 1_700_000_000_000_000
  const spans = Array.from({ length: n }, (_, i) => ({
    traceID: id,
    spanID: (i + 1).toString(16).padStart(16, '0'),
    operationName: i === 0 ? 'GET /checkout' : `step-${i}`,
    references: i === 0 ? [] : [{ refType: 'CHILD_OF', traceID: id, spanID: '0000000000000001' }],
    startTime: t0 + i * 10,
    duration: i === 0 ? n * 10 + 100 : 8,
    tags: [],
    logs: [],
    processID: 'p1',
  }))
  return JSON.stringify({ data: [{ traceID: id, spans, processes: { p1: { serviceName: 'checkout', tags: [] } } }] })
}
const BIG_TRACE_BODY = jaegerTrace(BIG_TRACE, 2000)
const HOSTILE_TRACE = '0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f'
/** A trace whose names and tags are hostile: a right-to-left override, tags named like Object's members. */
const HOSTILE_TRACE_BODY = JSON.stringify({
  data: [
    {
      traceID: HOSTILE_TRACE,
      spans: [
        {
          traceID: HOSTILE_TRACE,
          spanID: '00000000000000a1',
          operationName: '\u202eevil',
          references: [],
          startTime: 1_700_000_000_000_000,
          duration: 1000,
          tags: [
            { key: '__proto__', type: 'string', value: 'kept as text' },
            { key: 'constructor', type: 'string', value: 'also a tag' },
          ],
          logs: [],
          processID: 'p1',
        },
      ],
      processes: { p1: { serviceName: 'pay\u202eabc', tags: [] } },
    },
  ],
})
/** Services whose names hold a right-to-left override, for the error chains. */
const RTL_ENTRY = 'front\u202egate'
const RTL_ORIGIN = 'pay\u202eabc'
/**
 * One error trace in [start, end] µs (Jaeger's search window): the entry RTL_ENTRY answers 502 after
 * its call to RTL_ORIGIN's "\u202eevil" failed with 500, so the chain is RTL_ORIGIN → RTL_ENTRY.
 * Its id holds its start time, so the trace is found again by id.
 */
function rtlChainTrace(startUs: number) {
  const id = startUs.toString(16).padStart(32, '0')
  const span = (n: number, parent: number | null, operationName: string, processID: string, kind: string, code: number) => ({
    traceID: id,
    spanID: n.toString(16).padStart(16, '0'),
    operationName,
    references: parent === null ? [] : [{ refType: 'CHILD_OF', traceID: id, spanID: parent.toString(16).padStart(16, '0') }],
    startTime: startUs + n * 1000,
    duration: 50_000 - n * 2000,
    tags: [
      { key: 'span.kind', type: 'string', value: kind },
      { key: 'error', type: 'bool', value: true },
      { key: 'StatusCode', type: 'int64', value: code },
    ],
    logs: [],
    processID,
  })
  return {
    traceID: id,
    spans: [span(1, null, 'GET /checkout', 'p1', 'server', 502), span(2, 1, 'call \u202epay', 'p1', 'client', 500), span(3, 2, '\u202eevil', 'p2', 'server', 500)],
    processes: { p1: { serviceName: RTL_ENTRY, tags: [] }, p2: { serviceName: RTL_ORIGIN, tags: [] } },
  }
}
/** the services the Jaeger stand-in lists */
let jaegerServices = ['checkout']
let proxy: FaultProxy

test.describe.configure({ mode: 'serial' })

test.beforeAll(async () => {
  proxy = await startFaultProxy({
    answer: (path, url) => {
      if (path === `/api/traces/${EMPTY_TRACE}`) return { body: JSON.stringify({ data: [{ traceID: EMPTY_TRACE, spans: [], processes: {} }] }) }
      if (path === `/api/traces/${BIG_TRACE}`) return { body: BIG_TRACE_BODY }
      if (path === `/api/traces/${HOSTILE_TRACE}`) return { body: HOSTILE_TRACE_BODY }
      if (path === '/api/services') return { body: JSON.stringify({ data: jaegerServices }) }
      if (path === '/api/traces' && jaegerServices.includes(url.searchParams.get('service') ?? '')) {
        // today's window has one error trace in the middle of each searched span of time, yesterday's none (so the origin is new)
        const start = Number(url.searchParams.get('start'))
        const end = Number(url.searchParams.get('end'))
        const yesterday = end / 1000 < Date.now() - 6 * 3_600_000
        return { body: JSON.stringify({ data: yesterday || jaegerServices.length < 2 ? [] : [rtlChainTrace(Math.round((start + end) / 2))] }) }
      }
      if (path.startsWith('/api/traces/0000')) return { body: JSON.stringify({ data: [rtlChainTrace(parseInt(path.slice('/api/traces/'.length), 16))] }) }
      return null
    },
  })
})

test.afterAll(async () => {
  await proxy.close()
})

test.beforeEach(() => {
  proxy.fault(null)
  jaegerServices = ['checkout']
})

async function useBackends(page: Page, config: object) {
  await page.route('**/config.json', (route) => route.fulfill({ json: config }))
}

test('a Jaeger trace without spans says so, instead of an empty trace dated 1970', async ({ page }) => {
  await useBackends(page, { traces: { kind: 'jaeger', baseUrl: proxy.url, api: 'legacy' }, metrics: { kind: 'none' } })
  await page.goto(`/traces/${EMPTY_TRACE}`)
  await expect(page.getByText('This trace has no spans')).toBeVisible()
  await expect(page.getByText('1970')).toHaveCount(0)
})

test('an nginx 502 page is said as the proxy answering 502 Bad Gateway, with the raw text behind a toggle', async ({ page }) => {
  proxy.fault({
    match: /^\/api\/v1\//,
    kind: 'status',
    status: 502,
    body: '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.25.3</center>\r\n</body>\r\n</html>\r\n',
  })
  await useBackends(page, { traces: { kind: 'console', baseUrl: proxy.url }, metrics: { kind: 'console', baseUrl: proxy.url } })
  await page.goto('/topology?range=15m')
  const alert = page.getByRole('alert').filter({ hasText: 'The proxy in front of the Console API answered 502 Bad Gateway' }).first()
  await expect(alert).toBeVisible()
  await expect(alert.locator('p').first()).not.toContainText('<html>')
  await expect(alert.locator('pre')).toBeHidden()
  await alert.getByText('Show the raw answer').click()
  await expect(alert.locator('pre')).toBeVisible()
  await expect(alert.locator('pre')).toContainText('nginx/1.25.3')
})

test('a CORS refusal of the console API gets the CORS hint, as for the other kinds', async ({ page }) => {
  proxy.fault({ match: /^\/api\/v1\//, kind: 'no-cors' })
  await useBackends(page, { traces: { kind: 'console', baseUrl: proxy.url }, metrics: { kind: 'console', baseUrl: proxy.url } })
  await page.goto('/topology?range=15m')
  await expect(page.getByRole('alert').filter({ hasText: '(CORS)' }).first()).toBeVisible({ timeout: 30_000 })
})

test('a 429 with Retry-After is not retried at once, and the wait it asks for is said', async ({ page }) => {
  proxy.fault({ match: /^\/api\/dependencies$/, kind: 'status', status: 429, headers: { 'retry-after': '30' }, type: 'text/plain', body: 'slow down' })
  await useBackends(page, { traces: { kind: 'jaeger', baseUrl: proxy.url, api: 'legacy' }, metrics: { kind: 'none' } })
  const asked = () => proxy.log.filter((r) => r.path.startsWith('/api/dependencies')).length
  const before = asked()
  await page.goto('/topology?range=15m')
  await expect(page.getByRole('alert').filter({ hasText: 'Rate-limited by Jaeger (429 Too Many Requests): it asks the console to wait 30 s' }).first()).toBeVisible()
  // the message is shown after the one request: no retries were sent in its place
  expect(asked() - before).toBe(1)
  // the live view says when it asks again, counting down
  const countdown = page.getByTestId('retry-countdown').first()
  await expect(countdown).toHaveText(/^Next try in (2\d|30) s\.$/)
  const first = Number((await countdown.textContent())?.match(/\d+/)?.[0])
  await expect(countdown).not.toHaveText(`Next try in ${first} s.`)
  expect(Number((await countdown.textContent())?.match(/\d+/)?.[0])).toBeLessThan(first)
})

test('a 503 with Retry-After is said as unavailable, and the live view waits for it instead of refreshing', async ({ page }) => {
  proxy.fault({ match: /^\/api\/dependencies$/, kind: 'status', status: 503, headers: { 'retry-after': '8' }, type: 'text/plain', body: 'maintenance' })
  await useBackends(page, { traces: { kind: 'jaeger', baseUrl: proxy.url, api: 'legacy' }, metrics: { kind: 'none' } })
  const asked = () => proxy.log.filter((r) => r.path.startsWith('/api/dependencies')).length
  const before = asked()
  // a live refresh every 2 s: without the back-off it would ask three times during the wait
  await page.goto('/topology?range=15m&refresh=2')
  await expect(page.getByRole('alert').filter({ hasText: 'Unavailable: Jaeger answered 503 Service Unavailable and asks the console to wait 8 s' }).first()).toBeVisible()
  expect(asked() - before).toBe(1)
  const countdown = page.getByTestId('retry-countdown').first()
  await expect(countdown).toHaveText(/^Next try in [5-8] s\.$/)
  // most of the wait has passed, and nothing was asked meanwhile
  await expect(countdown).toHaveText(/^Next try in [1-2] s\.$/, { timeout: 15_000 })
  expect(asked() - before).toBe(1)
  // once the wait is over, the live view asks again by itself
  await expect.poll(() => asked() - before, { timeout: 15_000 }).toBeGreaterThanOrEqual(2)
})

test('a live view that asks again after a failure keeps the failure on screen, not a spinner, while the backend is silent', async ({ page }) => {
  proxy.fault({ match: /^\/api\/dependencies$/, kind: 'status', status: 502, body: '<html><body><center><h1>502 Bad Gateway</h1></center></body></html>' })
  await useBackends(page, { traces: { kind: 'jaeger', baseUrl: proxy.url, api: 'legacy' }, metrics: { kind: 'none' } })
  await page.goto('/topology?range=15m&refresh=3')
  const alert = page.getByRole('alert').filter({ hasText: 'The service graph could not be loaded' })
  await expect(alert).toBeVisible()
  // the next refresh meets a backend that says nothing
  proxy.fault({ match: /^\/api\/dependencies$/, kind: 'hang' })
  await expect(alert.getByText('Asking again…')).toBeVisible()
  await expect(page.getByTestId('waiting-notice')).toContainText(/Still waiting for Jaeger \(\d+ s\)…/)
  await expect(alert).toContainText('502')
  await expect(page.getByText('Loading the service graph…')).toHaveCount(0)
})

test('a big trace on a slow link keeps arriving past the silence limit, with what came and how fast said meanwhile', async ({ page }) => {
  test.setTimeout(90_000)
  // about 300 KB at 16 KB/s: some 19 s in all, longer than the 15 s the backend may stay silent
  expect(BIG_TRACE_BODY.length).toBeGreaterThan(16_000 * 17)
  proxy.fault({ match: /^\/api\/traces\//, kind: 'drip', bytesPerSecond: 16_000 })
  await useBackends(page, { traces: { kind: 'jaeger', baseUrl: proxy.url, api: 'legacy' }, metrics: { kind: 'none' } })
  await page.goto(`/traces/${BIG_TRACE}`)
  const notice = page.getByTestId('waiting-notice')
  await expect(notice).toContainText(/Still waiting for Jaeger \(\d+ s\)…/)
  await expect(notice).toContainText(/\d+(\.\d+)? KiB received, \d+(\.\d+)? KiB\/s/)
  await expect(page.getByText('GET /checkout').first()).toBeVisible({ timeout: 60_000 })
  await expect(notice).toBeHidden()
  await expect(page.getByText(/did not answer within|stopped sending/)).toHaveCount(0)
  // downloaded once: a stream that progresses is never restarted
  expect(proxy.log.filter((r) => r.path === `/api/traces/${BIG_TRACE}`)).toHaveLength(1)
})

test('a hung backend is said to be waited for, with the time, and the wait can be cancelled', async ({ page }) => {
  proxy.fault({ match: /^\/api\/traces\//, kind: 'hang' })
  await useBackends(page, { traces: { kind: 'jaeger', baseUrl: proxy.url, api: 'legacy' }, metrics: { kind: 'none' } })
  const asked = () => proxy.log.filter((r) => r.path === `/api/traces/${BIG_TRACE}`).length
  const before = asked()
  await page.goto(`/traces/${BIG_TRACE}`)
  const notice = page.getByTestId('waiting-notice')
  await expect(notice).toContainText(/Still waiting for Jaeger \([3-9] s\)… No answer yet\./)
  await notice.getByRole('button', { name: 'Cancel' }).click()
  await expect(page.getByRole('alert').filter({ hasText: /Cancelled after waiting \d+ s for the Jaeger/ }).first()).toBeVisible()
  await expect(notice).toBeHidden()
  expect(asked() - before).toBe(1)
})

test('a right-to-left override in a name is shown, not obeyed, and tags named __proto__ or constructor are kept and found', async ({ page }) => {
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await useBackends(page, { traces: { kind: 'jaeger', baseUrl: proxy.url, api: 'legacy' }, metrics: { kind: 'none' } })
  await page.goto(`/traces/${HOSTILE_TRACE}?span=00000000000000a1&q=__proto__`)
  const detail = page.getByTestId('span-detail')
  // the override is written out, so "evil" cannot read as "live", and the name stays isolated
  await expect(detail.getByRole('heading').first()).toContainText('pay⟨U+202E⟩abc ⟨U+202E⟩evil')
  await expect(detail.locator('bdi').first()).toBeVisible()
  await expect(page.getByText('\u202eevil', { exact: true })).toHaveCount(0)
  await expect(detail.getByRole('row', { name: /__proto__\s*kept as text/ })).toBeVisible()
  await expect(detail.getByRole('row', { name: /constructor\s*also a tag/ })).toBeVisible()
  await expect(page.getByText('1 match')).toBeVisible()
  expect(errors).toEqual([])
})

test('names with a right-to-left override reaching the error chains are shown, not obeyed, and isolated everywhere they are written', async ({ page }) => {
  test.setTimeout(120_000)
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  jaegerServices = ['checkout', RTL_ENTRY, RTL_ORIGIN]
  await keepChartRegistry(page)
  await useBackends(page, { traces: { kind: 'jaeger', baseUrl: proxy.url, api: 'legacy' }, metrics: { kind: 'none' } })
  await page.goto('/errors?range=1h')
  const view = page.locator('.errs-page')
  await expect(page.getByTestId('errors-sample')).toContainText(/Chains from \d+ traces analysed/, { timeout: 60_000 })
  const origin = 'pay⟨U+202E⟩abc'
  const entry = 'front⟨U+202E⟩gate'
  // the override is written out, so "evil" cannot read as "live"
  const card = page.getByTestId('chain-card').filter({ hasText: `${origin}:⟨U+202E⟩evil → ${entry}` })
  await expect(card).toBeVisible()
  await expect(card.getByRole('list', { name: 'Error path, from origin to entry' })).toContainText(`${origin}:⟨U+202E⟩evil`)
  await expect(page.getByTestId('root-cause').first()).toContainText(origin)
  await expect(page.getByTestId('root-cause').first()).toContainText(`failing entry: \u2068${entry}\u2069`)
  await expect(view.getByRole('link', { name: entry })).toBeVisible()
  // the select's options are plain text: isolated by FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE
  await expect(page.getByLabel('Origin').locator('option', { hasText: origin })).toHaveText(`\u2068${origin}\u2069`)
  // the diagram's canvas labels and tooltips are strings: isolated the same way
  const labels = await waitForHooks(page, (h) => {
    const data = h.charts?.get('errors-sankey')?.getOption().series?.[0]?.data
    return data && data.length > 0 ? data.map((d) => String((d as { label?: { formatter?: unknown } }).label?.formatter ?? '')) : null
  })
  expect(labels.sort()).toEqual([`\u2068${origin}\u2069 (origin)`, `\u2068${entry}\u2069`].sort())
  // picking the origin in the diagram names it in the button that clears the filter
  // (clicked again if the diagram was still settling when the first click landed)
  await expect(async () => {
    await new ErrorsPage(page).clickOrigin(RTL_ORIGIN)
    await expect(page.getByRole('button', { name: /^Clear filter:/ })).toHaveText(`Clear filter: ${origin}`, { timeout: 3_000 })
  }).toPass({ timeout: 30_000 })
  await page.getByLabel('Service').selectOption(RTL_ENTRY)
  await expect(page.getByText(`: chains through ${entry}`)).toBeVisible()
  await expect(card).toBeVisible()

  // nowhere in the view is the override obeyed, and every name that holds one is isolated from the text around it
  const unisolated = await view.evaluate((root) => {
    const bad: string[] = []
    const isolating = (el: Element | null) => el !== null && /isolate|plaintext/.test(getComputedStyle(el).unicodeBidi)
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent ?? ''
      if (text.includes('\u202e')) bad.push(`obeyed: ${text}`)
      if (!text.includes('⟨U+202E⟩')) continue
      // a text node that is a whole <bdi> (or other isolating element), or whose names sit between FSI and PDI
      const wrapped = text.split('⟨U+202E⟩').slice(0, -1).every((before) => before.lastIndexOf('\u2068') > before.lastIndexOf('\u2069'))
      if (!isolating(n.parentElement) && !wrapped) bad.push(`not isolated: "${text}" in <${n.parentElement?.tagName.toLowerCase() ?? '?'}>`)
    }
    for (const el of root.querySelectorAll('[title], [aria-label]')) {
      for (const a of ['title', 'aria-label']) if (el.getAttribute(a)?.includes('\u202e')) bad.push(`obeyed in ${a}: ${el.getAttribute(a) ?? ''}`)
    }
    return bad
  })
  expect(unisolated).toEqual([])
  expect(errors).toEqual([])
})

test('after an outage of the metrics store, /metrics says so once with one Retry, not one per chart', async ({ page }) => {
  proxy.fault({ match: /^\/api\/v1\//, kind: 'status', status: 400, type: 'application/json', body: JSON.stringify({ error: { code: 'backend_error', message: 'metrics store unavailable' } }) })
  await useBackends(page, { traces: { kind: 'synthetic' }, metrics: { kind: 'console', baseUrl: proxy.url } })
  await page.goto('/metrics?service=api-gateway&range=15m')
  const board = page.locator('.metrics-board')
  await expect(board.getByRole('alert').filter({ hasText: 'The charts could not be loaded' })).toBeVisible({ timeout: 30_000 })
  await expect(board.getByRole('alert')).toHaveCount(1)
  await expect(board.getByRole('button', { name: 'Retry' })).toHaveCount(1)
  // the six charts each say where the reason is, without a Retry of their own
  await expect(board.getByText('Not loaded: the message above says why.')).toHaveCount(6)
})
