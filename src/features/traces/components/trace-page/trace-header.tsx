import { useState } from 'react'
import type { Trace } from '../../../../domain/model'
import { samplingLabel } from '../../../../domain/query'
import { samplingWords } from '../../../../domain/trace/sampling-words'
import type { TraceTree } from '../../../../domain/trace/tree'
import { now } from '../../../../lib/clock'
import { formatDuration, formatInteger, formatPercent, formatRelative, compactCount } from '../../../../lib/format'
import { useServiceColor } from '../../../../ui/service-colors'
import { useAnnounceViewWindow } from '../../../../ui/time-range/view-window'
import { TimeText } from '../../../../ui/time-zone/time-text'
import { UserText } from '../../../../ui/user-text'

/** The sampler's rate, and the inclusion probability apart where they differ; nothing known says "unknown". */
function SamplingSummary({ sampling }: { sampling: Trace['sampling'] }) {
  const w = samplingWords(sampling)
  if (sampling.mode === 'unknown')
    return (
      <span data-testid="trace-sampling">
        unknown <span className="muted">(the trace carries no sampling information; it counts for itself)</span>
      </span>
    )
  return (
    <span data-testid="trace-sampling">
      {samplingLabel(sampling.mode, 'long')}, {sampling.mode === 'posttrace' ? 'capture' : 'sampler'} rate {w.samplerRate !== null ? formatPercent(w.samplerRate) : 'unknown'}
      {w.inclusion !== null ? (
        <span title="The chance that a request like this one was kept by any of the ways that could keep it (its head sampler or a PostTrace capture); counts are weighted by its inverse">
          {' '}· kept with probability {formatPercent(w.inclusion)}
        </span>
      ) : null}{' '}
      {w.weightRate !== null ? <span className="muted">(≈ {compactCount(Math.round(1 / w.weightRate))} real traces like it)</span> : null}
    </span>
  )
}

export interface TraceHeaderProps {
  trace: Trace
  tree: TraceTree
}

function downloadTrace(trace: Trace) {
  const blob = new Blob([JSON.stringify({ trace })], { type: 'application/json' })
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = `trace-${trace.traceId}.json`
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

/** Start, duration and span count: the facts known as soon as a trace's head has arrived. */
export function TraceExtentFacts({ start, end, spans }: { start: number; end: number; spans: number }) {
  const startMs = start / 1000
  // the header's range is not this page's window: it says so
  useAnnounceViewWindow({ label: 'This trace', from: startMs, to: end / 1000 })
  return (
    <>
      <div>
        <dt>Start</dt>
        <dd>
          <TimeText ms={startMs} /> <span className="muted">({formatRelative(startMs, now())})</span>
        </dd>
      </div>
      <div>
        <dt>Duration</dt>
        <dd className="tabular">{formatDuration(end - start)}</dd>
      </div>
      <div>
        <dt>Spans</dt>
        <dd className="tabular">{formatInteger(spans)}</dd>
      </div>
    </>
  )
}

/** The root span's service and operation, the trace id and what can be done with the trace (nothing yet while it arrives). */
function TitleRow({ traceId, tree, trace }: { traceId: string; tree: TraceTree; trace: Trace | null }) {
  const serviceColor = useServiceColor()
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null)
  const root = tree.roots.map((r) => tree.nodes[r]).find((n) => n.span)?.span ?? null
  return (
    <div className="tp-title-row">
      <h1 className="tp-title">
        {root ? (
          <>
            <span className="service-swatch" style={{ background: serviceColor(root.service) }} aria-hidden="true" />
            <UserText text={root.service} />
            <UserText className="tp-title-op" text={root.name} />
          </>
        ) : (
          'Trace without a root span'
        )}
      </h1>
      <div className="tp-actions">
        <code className="tp-trace-id" title="Trace id">
          {traceId}
        </code>
        <button
          type="button"
          className="btn"
          disabled={!trace}
          onClick={() => {
            navigator.clipboard?.writeText(traceId).then(
              () => setCopied('yes'),
              () => setCopied('no'),
            )
          }}
        >
          {copied === 'yes' ? 'Copied' : copied === 'no' ? 'Copy failed' : 'Copy id'}
        </button>
        <button type="button" className="btn" disabled={!trace} title={trace ? undefined : 'Available when the whole trace is in'} onClick={() => trace && downloadTrace(trace)}>
          Download JSON
        </button>
      </div>
    </div>
  )
}

/** The header while the trace arrives: its first rows' root, and the facts its head told (extent, span count). */
export function ArrivingTraceHeader({ traceId, tree, spans }: { traceId: string; tree: TraceTree; spans: number }) {
  return (
    <header className="tp-header">
      <TitleRow traceId={traceId} tree={tree} trace={null} />
      <dl className="tp-facts">
        <TraceExtentFacts start={tree.start} end={tree.end} spans={spans} />
      </dl>
    </header>
  )
}

export function TraceHeader({ trace, tree }: TraceHeaderProps) {
  const s = trace.sampling
  return (
    <header className="tp-header">
      <TitleRow traceId={trace.traceId} tree={tree} trace={trace} />
      <dl className="tp-facts">
        <TraceExtentFacts start={tree.start} end={tree.end} spans={tree.spanCount} />
        <div>
          <dt>Services</dt>
          <dd className="tabular">{tree.services.length}</dd>
        </div>
        <div>
          <dt>Depth</dt>
          <dd className="tabular">{tree.maxDepth + 1}</dd>
        </div>
        <div>
          <dt>Errors</dt>
          <dd className={tree.errorCount > 0 ? 'err-text tabular' : 'tabular'}>{tree.errorCount}</dd>
        </div>
        {tree.orphanCount > 0 ? (
          <div>
            <dt>Orphans</dt>
            <dd className="tabular">{tree.orphanCount}</dd>
          </div>
        ) : null}
        <div>
          <dt>Sampling</dt>
          <dd>
            <SamplingSummary sampling={s} />
          </dd>
        </div>
      </dl>
    </header>
  )
}
