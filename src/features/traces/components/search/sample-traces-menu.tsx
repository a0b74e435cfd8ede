import { useQuery } from '@tanstack/react-query'
import { useRef } from 'react'
import { Link } from 'react-router'
import { ApiError } from '../../../../api/errors'
import { traceQueries } from '../../../../api/queries/traces'
import { useDataSource } from '../../../../api/source-context'
import { traceHref } from '../../../../lib/links'
import { useCarry } from '../../../../ui/time-range/use-carry'

/**
 * The traces the backend offers as examples (the synthetic world's special traces: clock skew,
 * an orphan span, duplicate ids, hostile strings, PostTrace captures, 100,000 spans), one click
 * each. Shown only where the source offers them.
 */
export function SampleTracesMenu() {
  const source = useDataSource()
  const carry = useCarry()
  const samples = useQuery(traceQueries.samples(source))
  const menu = useRef<HTMLDetailsElement>(null)
  // a backend without examples (404) offers none: nothing to show
  if (!source.getSampleTraces || samples.isPending) return null
  if (samples.isError && samples.error instanceof ApiError && samples.error.kind === 'http' && samples.error.status === 404) return null
  if (samples.isSuccess && samples.data.length === 0) return null
  return (
    <details
      ref={menu}
      className="tsearch-samples"
      data-testid="sample-traces"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && menu.current?.open) {
          menu.current.open = false
          menu.current.querySelector('summary')?.focus()
        }
      }}
    >
      <summary className="btn">Sample traces</summary>
      <div className="tsearch-samples-menu panel">
        {samples.isError ? (
          <p className="err-text">The sample traces could not be listed: {samples.error.message}</p>
        ) : (
          <ul aria-label="Sample traces">
            {samples.data.map((s) => (
              <li key={s.traceId}>
                <Link to={traceHref(s.traceId, {}, carry)} onClick={() => menu.current?.removeAttribute('open')}>
                  {s.name}
                </Link>
                <span className="muted"> — {s.description}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </details>
  )
}
