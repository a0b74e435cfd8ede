import { expect } from '@playwright/test'
import type { Locator, Page } from '@playwright/test'
import { openConsole } from '../support/app'
import { readHooks } from '../support/hooks'
import { TracePage } from './trace-page'

/** The trace search page (/traces): filters, the scatter of durations, the result list, and opening trace files. */
export class SearchPage {
  constructor(readonly page: Page) {}

  /** Opens the search page; `query` without "?". */
  static async open(page: Page, query = ''): Promise<SearchPage> {
    await openConsole(page, `/traces${query ? `?${query}` : ''}`)
    return new SearchPage(page)
  }

  get results(): Locator {
    return this.page.getByRole('table', { name: 'Matching traces' })
  }

  get resultRows(): Locator {
    return this.results.getByTestId('trace-row')
  }

  get firstResult(): Locator {
    return this.resultRows.first()
  }

  get scatter(): Locator {
    return this.page.getByTestId('trace-scatter')
  }

  filter(name: 'Service' | 'Status' | 'Operation'): Locator {
    return this.page.getByRole('combobox', { name })
  }

  get fileInput(): Locator {
    return this.page.getByTestId('trace-file-input')
  }

  get fileError(): Locator {
    return this.page.getByTestId('trace-file-error')
  }

  /** Sorts the results by a column (its header's button). */
  async sortBy(column: string | RegExp): Promise<void> {
    await this.results.getByRole('columnheader', { name: column }).getByRole('button').click()
  }

  /** Picks a trace file; the trace page it opens. */
  async openFile(file: string | { name: string; mimeType: string; buffer: Buffer }): Promise<TracePage> {
    await this.fileInput.setInputFiles(file)
    return new TracePage(this.page)
  }

  /** Pixel position of the first dot of a scatter series, and its trace id, asked from ECharts itself. */
  dotPosition(seriesIndex: number): Promise<{ x: number; y: number; name: string }> {
    return readHooks(this.page, (h, i) => {
      const chart = h.charts?.get('trace-scatter')
      if (!chart) throw new Error('scatter chart not registered')
      const dot = chart.getOption().series?.[i]?.data?.[0] as { name: string; value: [number, number] } | undefined
      if (!dot) throw new Error(`scatter series ${i} has no dot`)
      const [x, y] = chart.convertToPixel({ seriesIndex: i }, dot.value)
      return { x, y, name: dot.name }
    }, seriesIndex)
  }

  /** Drags a rectangle across the scatter, from a point to another (relative to the chart). */
  async brushScatter(from: { x: number; y: number }, to: (box: { width: number; height: number }) => { x: number; y: number }): Promise<void> {
    const box = await this.scatter.boundingBox()
    if (!box) throw new Error('no chart box')
    const end = to(box)
    await this.page.mouse.move(box.x + from.x, box.y + from.y)
    await this.page.mouse.down()
    await this.page.mouse.move(box.x + end.x, box.y + end.y, { steps: 8 })
    await this.page.mouse.up()
  }

  /** Waits for the first results. */
  async waitForResults(): Promise<void> {
    await expect(this.firstResult).toBeVisible({ timeout: 45_000 })
  }
}
