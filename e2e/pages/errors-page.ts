import type { Locator, Page } from '@playwright/test'
import { openConsole } from '../support/app'
import { waitForHooks } from '../support/hooks'

/** The errors page (/errors): error chains ranked by root cause, the propagation diagram, the volumes. */
export class ErrorsPage {
  constructor(readonly page: Page) {}

  /** Opens the errors page; `query` without "?". */
  static async open(page: Page, query = ''): Promise<ErrorsPage> {
    await openConsole(page, `/errors${query ? `?${query}` : ''}`)
    return new ErrorsPage(page)
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { name: 'Error chains', level: 1 })
  }

  /** What the sample of analysed traces covers. */
  get sample(): Locator {
    return this.page.getByTestId('errors-sample')
  }

  get rootCauses(): Locator {
    return this.page.getByTestId('root-cause')
  }

  get chainCards(): Locator {
    return this.page.getByTestId('chain-card')
  }

  /** The chain card whose text has `chain` (e.g. "stock-service:ReserveStock → api-gateway"). */
  chain(chain: string): Locator {
    return this.chainCards.filter({ hasText: chain }).first()
  }

  get total(): Locator {
    return this.page.getByTestId('errors-total')
  }

  get totalYesterday(): Locator {
    return this.page.getByTestId('errors-total-yesterday')
  }

  get totalBasis(): Locator {
    return this.page.getByTestId('errors-total-basis')
  }

  get partialBanner(): Locator {
    return this.page.getByTestId('partial-banner')
  }

  /** Clicks an origin node of the propagation diagram where the Sankey laid it out (id "0|<service>"). */
  async clickOrigin(service: string): Promise<void> {
    const box = await this.page.getByTestId('errors-sankey').boundingBox()
    const at = await waitForHooks(this.page, (h, nodeId) => {
      const series = h.charts?.get('errors-sankey')?.getModel().getSeriesByIndex(0)
      const graph = series?.getGraph()
      if (!series || !graph) return null
      for (let i = 0; i < graph.nodes.length; i++) {
        const n = graph.getNodeByIndex(i)
        if (n?.id === nodeId) {
          const l = n.getLayout()
          return { x: series.layoutInfo.x + l.x + l.dx / 2, y: series.layoutInfo.y + l.y + l.dy / 2 }
        }
      }
      return null
    }, `0|${service}`)
    await this.page.mouse.click((box?.x ?? 0) + at.x, (box?.y ?? 0) + at.y)
  }
}
