import type { Locator, Page } from '@playwright/test'
import { openConsole } from '../support/app'

/** The trace page (/traces/:id) as a user sees it: the span tree (Gantt), its toolbar and the span detail. */
export class TracePage {
  constructor(readonly page: Page) {}

  /** Opens a trace, with the clock pinned; `query` is the address's search part (e.g. "?cp=1"). */
  static async open(page: Page, traceId: string, query = ''): Promise<TracePage> {
    await openConsole(page, `/traces/${traceId}${query}`)
    return new TracePage(page)
  }

  /** The whole trace's span tree. */
  get gantt(): Locator {
    return this.page.getByRole('treegrid', { name: 'Spans of this trace', exact: true })
  }

  /** The first rows, shown while the rest of the trace still arrives. */
  get arriving(): Locator {
    return this.page.getByRole('treegrid', { name: 'First spans of this trace, still arriving' })
  }

  /** Rows of the tree containing `text`. */
  rows(text: string | RegExp): Locator {
    return this.gantt.getByRole('row').filter({ hasText: text })
  }

  /** The first row of `operation` in `service`. */
  span(service: string, operation: string | RegExp): Locator {
    // a `has` locator is matched inside each row, so it starts from the page, not from the tree
    return this.rows(operation).filter({ has: this.page.locator('.tp-svc', { hasText: new RegExp(`^${service}$`) }) }).first()
  }

  /** The service cells naming exactly `service`. */
  serviceCells(service: string): Locator {
    return this.gantt.locator('.tp-svc', { hasText: new RegExp(`^${service}$`) })
  }

  get selectedRow(): Locator {
    return this.gantt.locator('[aria-selected="true"]')
  }

  get spanDetail(): Locator {
    return this.page.getByRole('complementary', { name: 'Span detail' })
  }

  get warnings(): Locator {
    return this.page.getByTestId('trace-warnings')
  }

  get postTraceNote(): Locator {
    return this.page.getByTestId('posttrace-note')
  }

  get chainDiagram(): Locator {
    return this.page.getByTestId('chain-diagram')
  }

  get searchBox(): Locator {
    return this.page.getByRole('searchbox')
  }

  /** The "Spans" figure of the trace's facts. */
  get spanCount(): Locator {
    return this.page.locator('dt', { hasText: /^Spans$/ }).locator('xpath=following-sibling::dd[1]')
  }

  get servicesButton(): Locator {
    return this.page.getByRole('button', { name: /^Services:/ })
  }

  get servicesList(): Locator {
    return this.page.getByRole('group', { name: 'Show spans of these services' })
  }

  get zoomWindow(): Locator {
    return this.page.getByRole('slider', { name: /Zoom window/ })
  }

  /** The zoom the address holds, as [from, to] fractions of the trace (the whole trace without one). */
  zoom(): [number, number] {
    const [from, to] = (new URL(this.page.url()).searchParams.get('zoom') ?? '0-1').split('-').map(Number)
    return [from ?? 0, to ?? 1]
  }

  /** Drags across the minimap from one fraction of its width to another (a click when both are equal). */
  async dragMinimap(from: number, to: number): Promise<void> {
    const box = await this.page.getByTestId('minimap').boundingBox()
    if (!box) throw new Error('the minimap is not on screen')
    await this.page.mouse.move(box.x + box.width * from, box.y + box.height / 2)
    await this.page.mouse.down()
    if (to !== from) await this.page.mouse.move(box.x + box.width * to, box.y + box.height / 2, { steps: 5 })
    await this.page.mouse.up()
  }

  /** Drags the ruler from one fraction of its width to another. */
  async dragRuler(from: number, to: number): Promise<void> {
    const box = await this.page.getByTestId('ruler').boundingBox()
    if (!box) throw new Error('the ruler is not on screen')
    await this.page.mouse.move(box.x + box.width * from, box.y + box.height / 2)
    await this.page.mouse.down()
    await this.page.mouse.move(box.x + box.width * to, box.y + box.height / 2, { steps: 5 })
    await this.page.mouse.up()
  }

  async collapse(row: Locator): Promise<void> {
    await row.getByRole('button', { name: 'Collapse' }).click()
  }

  async expand(row: Locator): Promise<void> {
    await row.getByRole('button', { name: 'Expand' }).click()
  }

  /** Ticks an option of the toolbar's More menu. */
  async chooseMore(option: string | RegExp): Promise<void> {
    await this.page.getByRole('button', { name: 'More' }).click()
    await this.page.getByLabel(option).click()
  }
}
