import { ERROR_THRESHOLDS, HEALTH_MARK, LATENCY_THRESHOLDS_US } from '../../../domain/topology/health'
import type { Overlays } from '../../../domain/topology/elements'
import type { SplitService } from '../../../domain/topology/versions'
import { formatClockZoned, formatDuration, formatPercent } from '../../../lib/format'
import { BaselineLegend } from './baseline-legend'
import type { BaselineLegendInfo } from './baseline-legend'

export interface OverlayLegendProps {
  overlays: Overlays
  onChange: (o: Overlays) => void
  baseline: BaselineLegendInfo | null
  whatIf: boolean
  /** some element was silent for part of the window */
  silent: boolean
  flow: boolean
  /** the system asks for reduced motion: the animation stays off, and the legend says why */
  reducedMotion: boolean
  onFlowChange: (on: boolean) => void
  /** closed groups are drawn: say what their colour rests on */
  groups?: boolean
  /** grouped by version: the services drawn as one node per version (null: another grouping) */
  versions?: readonly SplitService[] | null
  /** the source reports errors for nothing drawn (Jaeger's dependency graph): no error colours to explain */
  errorsUnreported?: boolean
}

const NAMES: { key: keyof Overlays; label: string }[] = [
  { key: 'traffic', label: 'Traffic' },
  { key: 'latency', label: 'Latency' },
  { key: 'errors', label: 'Errors' },
]

const HEALTHS = ['ok', 'warning', 'critical', 'unknown'] as const

/** Overlay switches and the legend of what the graph's colours, widths, shapes and badges mean. */
export function OverlayLegend({ overlays, onChange, baseline, whatIf, silent, flow, reducedMotion, onFlowChange, groups = false, versions = null, errorsUnreported = false }: OverlayLegendProps) {
  // against a baseline that is in, calls are drawn by their change, not by traffic and error level
  const diffDrawn = baseline?.status === 'ready'
  return (
    <div className="topo-legend panel" aria-label="Overlays and legend" role="group" data-testid="topo-legend">
      <div className="topo-overlay-toggles">
        {NAMES.map((n) => (
          <button key={n.key} type="button" className="btn" aria-pressed={overlays[n.key]} onClick={() => onChange({ ...overlays, [n.key]: !overlays[n.key] })}>
            {n.label}
          </button>
        ))}
        {overlays.traffic ? (
          <button type="button" className="btn" aria-pressed={flow} onClick={() => onFlowChange(!flow)} title="Dots moving from caller to callee: more on busier calls, red squares for the share of failed calls. Off when you prefer reduced motion; paused while the tab is hidden">
            Animate
          </button>
        ) : null}
      </div>
      <ul className="topo-legend-list">
        {HEALTHS.map((h) => (
          <li key={h}>
            <span className={`topo-swatch topo-shape-${h}`} aria-hidden="true">{HEALTH_MARK[h].glyph}</span>
            {HEALTH_MARK[h].label}
          </li>
        ))}
        {versions ? (
          <li data-testid="legend-versions">
            <span>
            <strong className="topo-legend-strong">By version:</strong>{' '}
            {versions.length === 0
              ? 'every service ran one version in this window (one node each).'
              : versions.map((s, i) => (
                  <span key={s.service}>
                    {i > 0 ? '; ' : ''}
                    {s.service} ran{' '}
                    {s.versions.map((v, k) => (
                      <span key={v.version}>
                        {k > 0 ? (k === s.versions.length - 1 ? ' and ' : ', ') : ''}
                        <span className="topo-version">{v.version}</span>
                        {v.deployed ? ` (deployed ${formatClockZoned(v.deployed.time)}${v.deployed.stage ? `, ${v.deployed.stage}` : ''})` : k < s.versions.length - 1 ? ' (previous)' : ''}
                      </span>
                    ))}
                  </span>
                ))}
            {versions.length > 0 ? ': one node per version, each with its own calls; a version’s rate is over the minutes it ran. Other services ran one version.' : ''}
            </span>
          </li>
        ) : null}
        {groups ? (
          <li data-testid="legend-groups">
            <span className="topo-swatch topo-shape-ok" aria-hidden="true" /> a closed group’s shape and colour: its own error rate (all its members’ calls); “members: {HEALTH_MARK.critical.glyph} N critical” counts its members’ own health
          </li>
        ) : null}
        {silent ? (
          <li data-testid="legend-silent">
            <span className="topo-swatch topo-shape-silent" aria-hidden="true" /> dotted, “no data N min”: its DC did not answer for N minutes (numbers over the rest) · “part missing N min”: one DC’s part
          </li>
        ) : null}
        <li>
          <span className="topo-badge-sample">[alert]</span> alert firing · <span className="topo-badge-sample">[deploy]</span> change in window
        </li>
        {overlays.traffic ? (
          <li data-testid="legend-traffic">
            {diffDrawn ? 'labels: requests/s' : <><span className="topo-line-sample topo-line-thick" aria-hidden="true" /> width and label: requests/s</>}
          </li>
        ) : null}
        {overlays.traffic && flow && !reducedMotion ? (
          <li data-testid="legend-flow">
            <span className="topo-dot-sample" aria-hidden="true" /> dots: requests, caller → callee (more on busier calls) <span className="topo-err-dot-sample" aria-hidden="true" /> red squares: share of failed calls
          </li>
        ) : null}
        {overlays.traffic && flow && reducedMotion ? (
          <li data-testid="legend-flow-off" role="status">Animation is off: your system asks for reduced motion.</li>
        ) : null}
        {overlays.latency ? (
          <li data-testid="legend-latency">
            <span className="topo-line-sample tone-ok" aria-hidden="true" />p99 &lt; {formatDuration(LATENCY_THRESHOLDS_US.warning)}
            <span className="topo-line-sample tone-warning" aria-hidden="true" />&lt; {formatDuration(LATENCY_THRESHOLDS_US.critical)}
            <span className="topo-line-sample tone-critical" aria-hidden="true" />≥ {formatDuration(LATENCY_THRESHOLDS_US.critical)} · labels p50/p99
          </li>
        ) : null}
        {overlays.errors && diffDrawn ? <li data-testid="legend-errors">labels: error % · calls are coloured by their change (below)</li> : null}
        {overlays.errors && !diffDrawn && errorsUnreported ? <li data-testid="legend-errors">errors: not reported by this source, so calls carry no error colour</li> : null}
        {overlays.errors && !diffDrawn && !errorsUnreported ? (
          <li data-testid="legend-errors">
            <span className="topo-line-sample tone-ok" aria-hidden="true" />errors &lt; {formatPercent(ERROR_THRESHOLDS.warning)}
            <span className="topo-line-sample tone-warning" aria-hidden="true" />&lt; {formatPercent(ERROR_THRESHOLDS.critical)}
            <span className="topo-line-sample tone-critical" aria-hidden="true" />≥ {formatPercent(ERROR_THRESHOLDS.critical)} · labels error %
          </li>
        ) : null}
        {baseline ? <BaselineLegend info={baseline} /> : null}
        {whatIf ? <li data-testid="legend-whatif"><span className="topo-swatch topo-shape-over" aria-hidden="true" /> violet double ring, “over capacity”: expected rate above capacity (declared, else observed peak)</li> : null}
      </ul>
    </div>
  )
}
