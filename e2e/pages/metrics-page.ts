import { expect } from '@playwright/test'
import type { Locator, Page } from '@playwright/test'
import { openConsole } from '../support/app'
import { readHooks, waitForHooks } from '../support/hooks'

/** The test id of the error-rate chart. */
export const ERROR_CHART = 'metric-chart-error_rate'

/** The metrics page (/metrics): a service's charts, and the traces behind a point or range (the drill panel). */
export class MetricsPage {
  constructor(readonly page: Page) {}

  /** Opens the metrics page; `query` is the address's search part without "?" (e.g. "service=api-gateway"). */
  static async open(page: Page, query = ''): Promise<MetricsPage> {
    await openConsole(page, `/metrics${query ? `?${query}` : ''}`)
    return new MetricsPage(page)
  }

  /** A chart's card, by its title. */
  card(title: string | RegExp): Locator {
    return this.page.getByRole('region', { name: title })
  }

  chart(testId: string): Locator {
    return this.page.getByTestId(testId)
  }

  /** The panel listing the traces behind a point or range. */
  get drill(): Locator {
    return this.page.getByTestId('metrics-drill')
  }

  get drillRows(): Locator {
    return this.drill.getByTestId('drill-row')
  }

  get drillCondition(): Locator {
    return this.drill.getByTestId('drill-condition')
  }

  /** "What is different" between the traces of the selection and the others. */
  get diff(): Locator {
    return this.drill.getByTestId('metrics-diff')
  }

  /** The selection the address holds (`sel=from-to`), in ms. */
  selection(): [number, number] {
    const [from, to] = (new URL(this.page.url()).searchParams.get('sel') ?? '').split('-').map(Number)
    return [from ?? NaN, to ?? NaN]
  }

  /** The value at the top edge of a chart's plot: what its y-axis reaches. */
  axisTop(testId: string): Promise<number> {
    return waitForHooks(this.page, (h, id) => {
      const chart = h.charts?.get(id)
      const grid = chart?.getOption().grid?.[0]
      if (!chart || typeof grid?.top !== 'number') return false
      const v: unknown = chart.convertFromPixel({ gridIndex: 0 }, [200, grid.top])
      return Array.isArray(v) && typeof v[1] === 'number' ? v[1] : false
    }, testId, { timeout: 30_000 })
  }

  /** The change-event marker lines a chart draws: their text, style and whether their label shows. */
  changeMarkers(testId: string): Promise<{ name: string; type: string; labelled: boolean }[]> {
    return readHooks(this.page, (h, id) => {
      const series = h.charts?.get(id)?.getOption().series?.find((s) => s.id === 'markers')
      return (series?.markLine?.data ?? [])
        .filter((d) => d.name !== 'marked time')
        .map((d) => ({ name: d.name ?? '', type: String(d.lineStyle?.type ?? ''), labelled: d.label?.show !== false }))
    }, testId)
  }

  /**
   * The boxes of every text a chart drew (axis labels, marker labels), in px of the chart, read
   * from ECharts' renderer once it has drawn `alerts` alert areas.
   */
  drawnTexts(testId: string, alerts: number): Promise<{ text: string; x: number; y: number; w: number; h: number }[]> {
    return waitForHooks(this.page, (h, { id, alerts }) => {
      const chart = h.charts?.get(id)
      const areas = chart?.getOption().series?.find((s) => s.id === 'markers')?.markArea?.data ?? []
      if (!chart || areas.length !== alerts) return false
      const out: { text: string; x: number; y: number; w: number; h: number }[] = []
      type El = ReturnType<typeof chart.getZr>['storage']['getRoots'] extends () => (infer E)[] ? E : never
      const visit = (el: El | undefined) => {
        if (!el || el.ignore || el.invisible) return
        if (el.type === 'text' && typeof el.style?.text === 'string' && el.style.text !== '') {
          const r = el.getBoundingRect().clone()
          const m = el.getComputedTransform()
          if (m) r.applyTransform(m)
          out.push({ text: el.style.text, x: r.x, y: r.y, w: r.width, h: r.height })
        }
        if (el.isGroup) el.eachChild?.(visit)
        visit(el.getTextContent?.())
      }
      chart.getZr().storage.getRoots().forEach(visit)
      return out.length ? out : false
    }, { id: testId, alerts }, { timeout: 30_000 })
  }

  /** Waits until a chart is on screen and draws a line with data. */
  async waitForChart(testId: string): Promise<void> {
    await expect(this.chart(testId)).toBeVisible({ timeout: 60_000 })
    await waitForHooks(this.page, (h, id) => !!h.charts?.get(id)?.getOption().series?.some((s) => s.type === 'line' && (s.data?.length ?? 0) > 0), testId, { timeout: 60_000 })
  }

  /**
   * The pixel of the highest point of the chart's main line (the spike), relative to the chart element.
   * Polls: right after an option update the chart has no coordinates until its next frame.
   */
  spikePixel(testId: string): Promise<{ x: number; y: number; time: number; value: number }> {
    return waitForHooks(this.page, (h, id) => {
      const chart = h.charts?.get(id)
      const line = chart?.getOption().series?.find((s) => s.type === 'line' && !String(s.id).startsWith('yesterday') && (s.data?.length ?? 0) > 0)
      if (!chart || !line) return false
      let best: [number, number] = [0, -1]
      for (const p of line.data as [number, number | null][]) if (p[1] !== null && p[1] > best[1]) best = [p[0], p[1]]
      const px: unknown = chart.convertToPixel({ seriesId: line.id }, best)
      if (!Array.isArray(px)) return false
      const [x, y] = px as [number, number]
      return { x, y, time: best[0], value: best[1] }
    }, testId, { timeout: 30_000 })
  }

  /** Index, among the points with a value, of the highest point of the chart's main line, and how many there are. */
  spikeIndex(testId: string): Promise<{ index: number; count: number; time: number }> {
    return readHooks(this.page, (h, id) => {
      const line = h.charts?.get(id)?.getOption().series?.find((s) => s.type === 'line' && !String(s.id).startsWith('yesterday') && (s.data?.length ?? 0) > 0)
      if (!line) throw new Error('no line drawn')
      const valued = (line.data as [number, number | null][]).filter((p) => p[1] !== null)
      let best = 0
      valued.forEach((p, i) => {
        if ((p[1] ?? 0) > (valued[best]?.[1] ?? 0)) best = i
      })
      return { index: best, count: valued.length, time: valued[best]?.[0] ?? 0 }
    }, testId)
  }

  /** Clicks the spike of a chart; returns where and what it was. */
  async clickSpike(testId: string): Promise<{ x: number; y: number; time: number; value: number }> {
    const spike = await this.spikePixel(testId)
    await this.chart(testId).click({ position: { x: spike.x, y: spike.y } })
    return spike
  }

  /** Drags across a chart from one time to another (at a small value, near the axis). */
  async brush(testId: string, from: number, to: number): Promise<void> {
    // the pixels of the two times once the chart's axes hold still (the same over 150 ms): an answer
    // arriving meanwhile (a refetch, yesterday's line) rescales them, and a drag drawn on the old
    // scale brushes nothing or the wrong range
    const [a, b] = await waitForHooks(
      this.page,
      (h, { id, from, to }) => {
        const chart = h.charts?.get(id)
        if (!chart) return false
        const px = [chart.convertToPixel({ xAxisIndex: 0, yAxisIndex: 0 }, [from, 0.001]), chart.convertToPixel({ xAxisIndex: 0, yAxisIndex: 0 }, [to, 0.001])]
        const seen = window as unknown as { __brushPixels?: string }
        const key = JSON.stringify(px)
        const still = seen.__brushPixels === key
        seen.__brushPixels = key
        return still && px.every((p) => Array.isArray(p) && p.every(Number.isFinite)) ? px : false
      },
      { id: testId, from, to },
      { polling: 150, timeout: 15_000 },
    )
    const box = await this.chart(testId).boundingBox()
    if (!box || !a || !b) throw new Error('chart not laid out')
    await this.page.mouse.move(box.x + a[0], box.y + a[1])
    await this.page.mouse.down()
    await this.page.mouse.move(box.x + (a[0] + b[0]) / 2, box.y + a[1], { steps: 5 })
    await this.page.mouse.move(box.x + b[0], box.y + a[1], { steps: 5 })
    await this.page.mouse.up()
  }

  /** The ranges a chart marks as selected ([from, to] in ms). */
  markedRanges(testId: string): Promise<(number | undefined)[][]> {
    return readHooks(this.page, (h, id) => {
      const markers = h.charts?.get(id)?.getOption().series?.find((s) => s.id === 'markers')
      return markers?.markArea?.data?.map((a) => [a[0]?.xAxis, a[1]?.xAxis]) ?? []
    }, testId)
  }

  /** The times a chart marks with a vertical line. */
  markedTimes(testId: string): Promise<(number | undefined)[]> {
    return readHooks(this.page, (h, id) => {
      const markers = h.charts?.get(id)?.getOption().series?.find((s) => s.id === 'markers')
      return markers?.markLine?.data?.map((d) => d.xAxis) ?? []
    }, testId)
  }
}
