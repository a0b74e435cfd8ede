import { retentionPhrase } from '../../lib/retention'
import { useQueryClient } from '@tanstack/react-query'
import { useId, useRef, useState } from 'react'
import type { FormEvent } from 'react'
import { Link, useNavigate } from 'react-router'
import { isApiError, describeError } from '../../../../api/errors'
import { FORMAT_NAMES } from '../../../../api/formats/trace-file'
import { traceQueries } from '../../../../api/queries/traces'
import { useDataSource } from '../../../../api/source-context'
import { formatBytes, formatDuration, plural } from '../../../../lib/format'
import { traceHref } from '../../../../lib/links'
import type { ReadStage } from '../../../../api/trace-loading/files/trace-file-steps'
import type { OpenFileState } from '../../hooks/use-open-trace-file'
import { useCarry } from '../../../../ui/time-range/use-carry'

/** Paste a trace id, check it exists, open it. */
export function OpenByIdForm() {
  const carry = useCarry()
  const id = useId()
  const source = useDataSource()
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const [value, setValue] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const traceId = value.trim()
    if (!traceId) {
      setError('Paste a trace id first.')
      return
    }
    setBusy(true)
    setError(null)
    try {
      await queryClient.fetchQuery(traceQueries.detail(source, traceId))
      void navigate(traceHref(traceId, {}, carry))
    } catch (err) {
      setError(
        isApiError(err) && err.status === 404
          ? `No trace with the id "${traceId.slice(0, 80)}" was found. Check the id; ${retentionPhrase(source)}.`
          : describeError(err),
      )
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="tsearch-open-id" onSubmit={(e) => void submit(e)} aria-label="Open a trace by id">
      <label htmlFor={id} className="sr-only">Trace id</label>
      <input
        id={id}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        placeholder="Paste a trace id"
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      <button type="submit" className="btn" disabled={busy}>{busy ? 'Opening…' : 'Open'}</button>
      {error ? <p id={`${id}-error`} className="form-error tsearch-open-error" role="alert">{error}</p> : null}
    </form>
  )
}

export interface OpenFileButtonProps {
  onFile: (f: File) => void
  busy: boolean
}

/** The file picker; the whole page is also a drop target (see useFileDrop). */
export function OpenFileButton({ onFile, busy }: OpenFileButtonProps) {
  const input = useRef<HTMLInputElement>(null)
  return (
    <>
      <button type="button" className="btn" onClick={() => input.current?.click()} disabled={busy}>
        {busy ? 'Reading file…' : 'Open trace file…'}
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        hidden
        aria-hidden="true"
        data-testid="trace-file-input"
        onChange={(e) => {
          const f = e.target.files?.[0]
          e.target.value = ''
          if (f) onFile(f)
        }}
      />
    </>
  )
}

const READ_STAGES: { stage: ReadStage; label: string }[] = [
  { stage: 'reading', label: 'reading the file' },
  { stage: 'parsing', label: 'parsing' },
  { stage: 'building', label: 'building the trace view' },
]

/** What happened with the last file: an error in plain words, or the list of traces to pick from. */
export function OpenFileStatus({ state, onDismiss }: { state: OpenFileState; onDismiss: () => void }) {
  const carry = useCarry()
  if (state.status === 'reading') {
    const current = READ_STAGES.findIndex((s) => s.stage === state.stage)
    return (
      <div className="banner banner-info tsearch-file-progress" role="status" data-testid="trace-file-progress">
        <span className="spinner" aria-hidden="true" />
        <span>
          Opening “{state.fileName}” ({formatBytes(state.bytes)}):
        </span>
        <ol className="tsearch-steps">
          {READ_STAGES.map((s, i) => (
            <li key={s.stage} aria-current={i === current ? 'step' : undefined} data-done={i < current || undefined}>
              {i < current ? '✓ ' : ''}
              {s.label}
              {i === current ? '…' : ''}
            </li>
          ))}
        </ol>
      </div>
    )
  }
  if (state.status === 'error') {
    return (
      <div className="banner banner-error tsearch-file-msg" role="alert" data-testid="trace-file-error">
        <span><strong>This file cannot be opened.</strong> {state.message}</span>
        <button type="button" className="btn btn-ghost" onClick={onDismiss}>Dismiss</button>
      </div>
    )
  }
  if (state.status === 'pick') {
    return (
      <section className="panel tsearch-pick" aria-label={`Traces in ${state.fileName}`}>
        <div className="panel-header">
          <strong>{state.choices.length} traces in “{state.fileName}”</strong>
          <span className="muted">({FORMAT_NAMES[state.format]}) · pick one to open</span>
          <button type="button" className="btn btn-ghost tsearch-push" onClick={onDismiss}>Close</button>
        </div>
        {state.warnings.map((w) => <p key={w} className="muted tsearch-pad">{w}</p>)}
        <ul className="tsearch-pick-list">
          {state.choices.map(({ id, trace }) => {
            const root = trace.spans.find((s) => s.parentSpanId === null) ?? trace.spans[0]
            const errors = trace.spans.filter((s) => s.status === 'error').length
            return (
              <li key={id}>
                <Link to={traceHref(id, {}, carry)}>
                  <strong>{root.service}</strong> {root.name}
                </Link>
                <span className="muted">
                  {' '}· {plural(trace.spans.length, 'span')} · {formatDuration(root.duration)}{errors ? ` · ${plural(errors, 'error')}` : ''} · <code>{trace.traceId.slice(0, 16)}</code>
                </span>
              </li>
            )
          })}
        </ul>
      </section>
    )
  }
  return null
}
