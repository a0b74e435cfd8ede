import type { Page } from '@playwright/test'
import type { Core } from 'cytoscape'
import type { FlameFrameHook, GraphStats, MockHooks, TrafficStats } from '../../src/lib/test-hooks.ts'
import { MAX_LEVEL, MIN_LEVEL } from '../../src/ui/graph/warm-layers.ts'

/**
 * The one way specs read the console's test hooks (src/lib/test-hooks.ts, where the console writes
 * them): a function of the hooks, run in the page. Specs never touch `window` for them, so the types
 * live in one place and no spec casts.
 */

/** How specs read a chart: the parts of ECharts' option they check. */
export type ChartHook = {
  getOption: () => {
    useUTC?: boolean
    grid?: { top?: number }[]
    series?: {
      id?: string
      type?: string
      data?: unknown[]
      markLine?: { data?: { xAxis?: number; name?: string; lineStyle?: { type?: unknown }; label?: { show?: boolean } }[] }
      markArea?: { data?: { xAxis?: number }[][] }
    }[]
  }
  convertToPixel: (finder: object, value: [number, number]) => [number, number]
  convertFromPixel: (finder: object, px: [number, number]) => [number, number]
  /** ECharts' renderer, to read what it drew (text boxes) */
  getZr: () => { storage: { getRoots: () => ZrElementHook[] } }
  /** ECharts' model, for the sankey's laid-out nodes (the option does not carry positions) */
  getModel: () => { getSeriesByIndex: (i: number) => SankeySeriesHook | undefined }
}

/** A drawn element of ECharts' renderer (zrender): what specs read of it. */
export interface ZrElementHook {
  type?: string
  ignore?: boolean
  invisible?: boolean
  isGroup?: boolean
  style?: { text?: unknown; opacity?: number }
  eachChild?: (visit: (child: ZrElementHook) => void) => void
  getTextContent?: () => ZrElementHook | undefined
  getBoundingRect: () => { clone: () => { applyTransform: (m: number[]) => void; x: number; y: number; width: number; height: number } }
  getComputedTransform: () => number[] | null
}

/** What a sankey series' model says of its layout. */
export interface SankeySeriesHook {
  getGraph: () => { getNodeByIndex: (i: number) => { id: string; getLayout: () => { x: number; y: number; dx: number; dy: number } } | null; nodes: unknown[] }
  layoutInfo: { x: number; y: number }
}

export interface SpecHooks {
  /** the synthetic backend's controls */
  mock?: MockHooks
  /** chart instances by test id */
  charts?: Map<string, ChartHook>
  /** the graph view's Cytoscape instance on screen */
  graph?: Core
  graphStats?: GraphStats
  /** the topology traffic animation's counters */
  traffic?: TrafficStats
  /** the frames the flame graph drew */
  flame?: FlameFrameHook[]
}

declare global {
  /** Values a spec leaves in the page for itself (observers set up before the console runs), declared once here. */
  interface Window {
    __seen?: string[]
    __grids?: string[]
    __early?: string
    __pwned?: unknown
  }
}

type Read<A, R> = (hooks: SpecHooks, arg: A) => R

// runs in the page: the hooks as SpecHooks, then the spec's function given as source text
const inPage = ({ src, arg }: { src: string; arg: unknown }): unknown => {
  const hooks = {
    mock: window.__tracelensMock,
    charts: window.__tracelensCharts,
    graph: window.__tracelensGraph,
    graphStats: window.__tracelensGraphStats,
    traffic: window.__tracelensTraffic,
    flame: window.__tracelensFlame,
  }
  return (new Function('hooks', 'arg', `return (${src})(hooks, arg)`) as (h: unknown, a: unknown) => unknown)(hooks, arg)
}

/** Reads the hooks once: `read` runs in the page (it may use nothing from outside its body but its arguments). */
export function readHooks<R, A = undefined>(page: Page, read: Read<A, R>, arg?: A): Promise<R> {
  return page.evaluate(inPage, { src: read.toString(), arg }) as Promise<R>
}

/** Waits until `test` returns something truthy in the page, and returns that value. */
export async function waitForHooks<R, A = undefined>(page: Page, test: Read<A, R>, arg?: A, options?: { timeout?: number; polling?: number | 'raf' }): Promise<Exclude<R, false | null | undefined | 0 | ''>> {
  const handle = await page.waitForFunction(inPage, { src: test.toString(), arg }, options)
  return (await handle.jsonValue()) as Exclude<R, false | null | undefined | 0 | ''>
}

/** Asks the console to keep its chart registry on a page without the synthetic backend (set before boot). */
export async function keepChartRegistry(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.__tracelensCharts = new Map()
  })
}

/** Asks the console to expose its test hooks (the graph on screen among them) on a page without the synthetic backend (set before boot). */
export async function keepTestHooks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.__tracelensTestHooks = true
  })
}

/** What specs read of the graph's canvas renderer (Cytoscape's internals; src/ui/graph/graph-view.tsx tunes them for big graphs). */
export interface GraphRendererHook {
  textureOnViewport: boolean
  hideEdgesOnViewport: boolean
  /** how many times the canvas's size the texture a pan or zoom moves is drawn at */
  textureMult: number
  canvasWidth: number
  canvasHeight: number
  TEXTURE_BUFFER: number
  data: {
    bufferCanvases: { width: number; height: number }[]
    /** Cytoscape's layered texture cache: the graph drawn beforehand per zoom level */
    lyrTxrCache: { levelIsComplete: (lvl: number, eles: unknown[]) => boolean }
  }
  getCachedZSortedEles: () => { nondrag: unknown[] }
}

/** Whether the graph's layers are complete at some zoom level (a pan is then drawn from them). */
export function graphLayersComplete(page: Page) {
  return readHooks(page, (h, levels) => {
    const r = (h.graph as unknown as { renderer: () => GraphRendererHook } | undefined)?.renderer()
    if (!r) return false
    const eles = r.getCachedZSortedEles().nondrag
    for (let lvl = levels.min; lvl <= levels.max; lvl++) if (r.data.lyrTxrCache.levelIsComplete(lvl, eles)) return true
    return false
  }, { min: MIN_LEVEL, max: MAX_LEVEL })
}

/** The graph renderer's viewport economies and the size of its pan-and-zoom texture against the canvas. */
export function graphTexture(page: Page) {
  return readHooks(page, (h) => {
    const r = (h.graph as unknown as { renderer: () => GraphRendererHook } | undefined)?.renderer()
    if (!r) return null
    const texture = r.data.bufferCanvases[r.TEXTURE_BUFFER]
    return { textureOnViewport: r.textureOnViewport, hideEdgesOnViewport: r.hideEdgesOnViewport, textureMult: r.textureMult, texture: [texture.width, texture.height], canvas: [r.canvasWidth, r.canvasHeight] }
  })
}
