import type { Locator, Page } from '@playwright/test'
import { openConsole } from '../support/app'
import { readHooks, waitForHooks } from '../support/hooks'

/** The topology page (/topology): the service graph, its legend and overlays, and the details panel. */
export class TopologyPage {
  constructor(readonly page: Page) {}

  /** Opens the topology with the clock pinned and waits for the graph; `query` without "?". */
  static async open(page: Page, query = ''): Promise<TopologyPage> {
    await openConsole(page, `/topology${query ? `?${query}` : ''}`)
    const topology = new TopologyPage(page)
    await topology.waitForGraph()
    return topology
  }

  /** Waits until the graph has nodes on screen. */
  async waitForGraph(): Promise<void> {
    await waitForHooks(this.page, (h) => (h.graph?.nodes(':childless').toArray().length ?? 0) > 0)
  }

  get legend(): Locator {
    return this.page.getByTestId('topo-legend')
  }

  get details(): Locator {
    return this.page.getByRole('complementary', { name: 'Details' })
  }

  /** The list of nodes beside the graph (the graph's accessible text). */
  get nodeList(): Locator {
    return this.page.getByRole('list', { name: 'Nodes of the graph' })
  }

  get live(): Locator {
    return this.page.getByTestId('topo-live')
  }

  /** Focuses the graph on one service from the search box. */
  async focusOn(service: string): Promise<void> {
    const box = this.page.getByRole('combobox', { name: 'Focus on a service' })
    await box.fill(service)
    await box.press('Enter')
  }

  /** The labels drawn on the edges. */
  edgeLabels(): Promise<string[]> {
    return readHooks(this.page, (h) => h.graph?.edges().toArray().map((e) => String(e.data('label'))) ?? [])
  }

  /** Every service node's position, by id. */
  positions(): Promise<Record<string, { x: number; y: number }>> {
    return readHooks(this.page, (h) => {
      const out: Record<string, { x: number; y: number }> = {}
      for (const n of h.graph?.nodes(':childless').toArray() ?? []) out[n.id()] = { ...n.position() }
      return out
    })
  }

  /** Every service node's label, by id. */
  nodeLabels(): Promise<Record<string, string>> {
    return readHooks(this.page, (h) => {
      const out: Record<string, string> = {}
      for (const n of h.graph?.nodes(':childless').toArray() ?? []) out[n.id()] = String(n.data('label'))
      return out
    })
  }

  /** How one node is drawn: critical or not, its shape and its label; null when it is not in the graph. */
  node(id: string): Promise<{ critical: boolean; shape: string; label: string } | null> {
    return readHooks(this.page, (h, nodeId) => {
      const n = h.graph?.getElementById(nodeId)
      return n && !n.empty() ? { critical: n.hasClass('health-critical'), shape: n.style('shape'), label: String(n.data('label')) } : null
    }, id)
  }

  /** The graph's zoom level. */
  zoomLevel(): Promise<number> {
    return readHooks(this.page, (h) => h.graph?.zoom() ?? 1)
  }

  /** Zooms the graph as a wheel would, around a point on screen. */
  async zoomTo(level: number, at: { x: number; y: number }): Promise<void> {
    // braces: the setter returns the graph instance, which the page would try to serialise
    // (its renderer's caches and DOM references) and never finish
    await readHooks(this.page, (h, a) => {
      h.graph?.zoom({ level: a.level, renderedPosition: a.at })
    }, { level, at })
  }
}
