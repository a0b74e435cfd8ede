import { expect, test } from '@playwright/test'
import { openConsole, PINNED_NOW } from './support/app'
import { waitForHooks } from './support/hooks'

/**
 * The span-level drill-down on a service that is not an entry: mysql-orders' p99 around its
 * latency spike lists traces by their mysql-orders calls, never by their whole duration, and each
 * opens at that call. The threshold is read from the chart's own series (no number hard-coded).
 */

const LATENCY_CHART = 'metric-chart-latency'
const MIN = 60_000

test('mysql-orders p99 around its spike: every listed trace holds a mysql-orders call at or above the p99, and opens at it', async ({ page }, testInfo) => {
  test.setTimeout(180_000)
  await openConsole(page, `/metrics?service=mysql-orders&range=1h&now=${PINNED_NOW}`)
  await expect(page.getByTestId(LATENCY_CHART)).toBeVisible({ timeout: 60_000 })
  // the p99 line's points, once drawn
  const p99 = await waitForHooks(page, (h, id) => {
    const line = h.charts?.get(id)?.getOption().series?.find((s) => String(s.id).startsWith('latency_p99') && (s.data?.length ?? 0) > 0)
    return line ? (line.data as [number, number | null][]) : false
  }, LATENCY_CHART, { timeout: 60_000 })
  const peak = p99.reduce((a, b) => ((b[1] ?? -1) > (a[1] ?? -1) ? b : a))

  // ten minutes around the spike selected as a range (the address a dragged range gets; dragging
  // itself is covered by metrics.spec.ts), so the selection does not depend on the page's layout
  await openConsole(page, `/metrics?service=mysql-orders&range=1h&now=${PINNED_NOW}&chart=latency_p99&sel=${peak[0] - 5 * MIN}-${peak[0] + 5 * MIN}`)
  await expect(page).toHaveURL(/chart=latency_p99/)
  const [selFrom, selTo] = (new URL(page.url()).searchParams.get('sel') ?? '').split('-').map(Number)

  // the threshold is the series' own p99: its lowest value inside the range
  const drill = page.getByTestId('metrics-drill')
  const condition = drill.getByTestId('drill-condition')
  // the page was loaded again: its world computes the p99 series afresh before the panel can read it
  await expect(condition).toContainText('traces with a span of mysql-orders taking at least p99', { timeout: 60_000 })
  const expected = Math.floor(Math.min(...p99.filter(([t, v]) => t >= (selFrom ?? 0) && t < (selTo ?? 0) && v !== null).map(([, v]) => v ?? Infinity)))
  const threshold = Number(await condition.getAttribute('data-threshold-us'))
  expect(threshold).toBe(expected)

  const rows = drill.getByTestId('drill-row')
  await expect(rows.first()).toBeVisible({ timeout: 60_000 })
  const listed = await rows.evaluateAll((trs) =>
    trs.map((tr) => ({ href: tr.querySelector('a')?.getAttribute('href') ?? '', spanId: tr.getAttribute('data-span-id') ?? '', why: tr.querySelector('.metrics-drill-why')?.textContent ?? '' })),
  )
  expect(listed.length).toBeGreaterThan(0)
  // each listed trace, fetched from the backend: the named span is a mysql-orders call in the range at or above the p99
  const checks = await page.evaluate(
    async ({ listed, from, to, threshold }) => {
      const out: { ok: boolean; name: string; duration: number; longTrace: boolean }[] = []
      for (const r of listed) {
        const id = decodeURIComponent(r.href.split('/traces/')[1]?.split('?')[0] ?? '')
        const body = (await (await fetch(`/api/v1/traces/${id}`)).json()) as {
          trace: { spans: { spanId: string; name: string; startTime: number; duration: number; parentSpanId: string | null; tags: Record<string, unknown> }[] }
        }
        const span = body.trace.spans.find((s) => s.spanId === r.spanId)
        const root = body.trace.spans.find((s) => s.parentSpanId === null)
        out.push({
          ok: !!span && span.tags.ToService === 'mysql-orders' && span.duration >= threshold && span.startTime >= from * 1000 && span.startTime < to * 1000,
          name: span?.name ?? '',
          duration: span?.duration ?? 0,
          longTrace: (root?.duration ?? 0) > (span?.duration ?? 0),
        })
      }
      return out
    },
    { listed, from: selFrom ?? 0, to: selTo ?? 0, threshold },
  )
  expect(checks.every((c) => c.ok)).toBe(true)
  for (const [i, r] of listed.entries()) {
    expect(r.href).toContain(`span=${r.spanId}`)
    expect(r.why).toContain(`${checks[i]?.name} (called by`)
    expect(r.why).toMatch(/≥ p99/)
  }
  await page.screenshot({ path: testInfo.outputPath('metrics-drill-span.png'), fullPage: true })

  // the trace opens at that call, selected
  await rows.first().getByRole('link').first().click()
  await expect(page).toHaveURL(new RegExp(`/traces/[^/?]+\\?(?:.*&)?span=${listed[0]?.spanId}`), { timeout: 30_000 })
  const detail = page.getByRole('complementary', { name: 'Span detail' })
  await expect(detail).toContainText(checks[0]?.name ?? '', { timeout: 30_000 })
  await expect(detail).toContainText('mysql-orders')
})
