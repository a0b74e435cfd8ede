import { Link } from 'react-router'
import type { PathNodeStats } from '../../../domain/paths/aggregate'
import { metricsHref, traceHref, traceSearchHref } from '../../../lib/links'

/** The traces behind a node (one opened at its span; the span-level search of its operation) and its metric series. */
export function NodeLinks({ node, window }: { node: PathNodeStats; window: { from: number; to: number } }) {
  return (
    <span className="paths-links">
      <Link to={traceHref(node.example.traceId, { span: node.example.spanId })} title={`Open a trace at a ${node.service} ${node.operation} span`}>
        trace
      </Link>
      <Link to={traceSearchHref({ service: node.service, operation: node.operation }, window)} title={`Traces with ${node.service} ${node.operation} in the window`}>
        traces
      </Link>
      <Link to={metricsHref({ service: node.service, operation: node.operation }, window)} title={`Metric series of ${node.service} ${node.operation}`}>
        metrics
      </Link>
    </span>
  )
}
