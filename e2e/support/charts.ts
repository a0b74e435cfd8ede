/** The chart instances the console registers in non-production builds (`window.__tracelensCharts`), as specs read them; the global declaration types every spec (e2e is one compilation). */
export type ChartHook = {
  getOption: () => { series?: { id?: string; type?: string; data?: unknown[]; markLine?: { data?: { xAxis?: number }[] } }[] }
  convertToPixel: (finder: object, value: [number, number]) => [number, number]
}

declare global {
  interface Window {
    __tracelensCharts?: Map<string, ChartHook>
  }
}
