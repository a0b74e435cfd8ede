import { useMemo } from 'react'
import type { Trace } from '../../../../domain/model'
import { unaccountedTime } from '../../../../domain/trace/stats'
import { selfTimes } from '../../../../domain/trace/timing'
import type { TraceTree } from '../../../../domain/trace/tree'
import { formatDuration } from '../../../../lib/format'

/** What triggered a PostTrace capture, and what the capture lacks: the banner of a PostTrace trace. */
export function PostTraceNote({ trace, tree }: { trace: Trace; tree: TraceTree }) {
  const what = triggerWords(trace, tree)
  const trigger = tree.triggerIndex >= 0 ? tree.nodes[tree.triggerIndex] : null
  const span = trigger?.span ?? null
  const unaccounted = useMemo(() => unaccountedTime(selfTimes(tree)), [tree])
  const gaps = useMemo(() => tree.nodes.filter((n) => n.kind === 'missing-calls').length, [tree])
  const rootCaptured = useMemo(() => tree.nodes.some((n) => n.span?.parentSpanId === null), [tree])
  return (
    <p className="tp-posttrace" data-testid="posttrace-note">
      Not sampled at its start; captured {what}
      {span ? ', the span marked "PostTrace trigger"' : ''}. Calls still waiting and calls made afterwards were kept; calls that had
      already finished were not.{' '}
      {gaps > 0 ? (
        <>
          {gaps} span{gaps === 1 ? ' was' : 's were'} already running: their rows &ldquo;Calls before the trigger not captured&rdquo; show
          where calls may be missing, and {formatDuration(unaccounted.time)} of their time is not accounted for (self times there are
          ranges).{' '}
        </>
      ) : null}
      {rootCaptured ? null : <strong>The request&rsquo;s root was not captured: it had answered before the trigger.</strong>}
    </p>
  )
}

/** The one line the collapsed notes banner shows for a PostTrace capture. */
export function postTraceSummary(trace: Trace, tree: TraceTree): string {
  const rootCaptured = tree.nodes.some((n) => n.span?.parentSpanId === null)
  return `Captured ${triggerWords(trace, tree)}; calls that had finished before it are missing${rootCaptured ? '' : ', the root among them'}.`
}

/** "when <who> failed (error trigger) at +22 ms" and its latency and unknown variants. */
function triggerWords(trace: Trace, tree: TraceTree): string {
  const s = trace.sampling
  const trigger = tree.triggerIndex >= 0 ? tree.nodes[tree.triggerIndex] : null
  const span = trigger?.span ?? null
  const at = s.triggerTime !== null ? ` at +${formatDuration(s.triggerTime - tree.start)}` : ''
  const callee = span && (span.kind === 'client' || span.kind === 'producer') ? span.tags.ToService : undefined
  const who = !span ? 'a span that is not in the trace' : callee !== undefined ? `${span.service}'s call to ${String(callee)} ${span.name}` : `${span.service} ${span.name}`
  let what: string
  if (s.triggerReason === 'latency') {
    const over = s.triggerThreshold !== undefined && s.triggerThreshold !== null ? `, over its operation's threshold of ${formatDuration(s.triggerThreshold)}` : ', over its threshold'
    what = `when ${who} took ${span ? formatDuration(span.duration) : 'too long'}${over} (latency trigger)${at}`
  } else if (s.triggerReason === 'error') {
    what = `when ${who} failed (error trigger)${at}`
  } else {
    what = `by a trigger at ${who}${at} (the source does not say whether a failure or a slow span)`
  }
  return what
}
