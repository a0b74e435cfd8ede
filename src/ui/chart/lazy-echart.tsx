import { lazy, Suspense } from 'react'
import type { EChartProps } from './echart'

const EChartNow = lazy(() => import('./echart').then((m) => ({ default: m.EChart })))

/**
 * An EChart whose code (the chart library, about 750 KB) is fetched when it is first drawn, not
 * with the view around it: the view's figures are on screen first, and the chart takes its place
 * when its code has arrived, in a box of its own height meanwhile (nothing moves).
 */
export function LazyEChart(props: EChartProps) {
  return (
    <Suspense fallback={<div className="chart-with-zone" role="img" aria-label={props.ariaLabel} aria-busy="true" style={{ width: '100%', height: props.height, ...props.style }} />}>
      <EChartNow {...props} />
    </Suspense>
  )
}
