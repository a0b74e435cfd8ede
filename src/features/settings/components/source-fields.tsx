import { useEffect, useRef, useState } from 'react'
import type { SourceConfig } from '../../../api/config'
import { testConnection } from '../../../api/connection-test'
import type { ConnectionResult } from '../../../api/connection-test'
import { checkAuthHeader, checkBaseUrl } from '../../../api/config-check'

export interface SourceFieldsProps {
  legend: string
  /** prefix of the field ids */
  id: string
  kinds: readonly { value: string; label: string }[]
  value: SourceConfig
  onChange: (next: SourceConfig) => void
}

export const needsUrl = (kind: string) => kind !== 'synthetic' && kind !== 'none'

/** What is wrong with a source's fields (nothing for a kind without them). */
export function sourceProblems(c: SourceConfig): { baseUrl: string | null; authHeader: string | null } {
  if (!needsUrl(c.kind)) return { baseUrl: null, authHeader: null }
  return { baseUrl: checkBaseUrl(c.baseUrl ?? ''), authHeader: checkAuthHeader(c.authHeader ?? '') }
}

/** Kind, base URL and Authorization header of one data source. */
/** An example base URL per kind, at each backend's default port. */
const URL_EXAMPLE: Record<string, string> = {
  jaeger: 'http://localhost:16686, or /jaeger through a proxy',
  tempo: 'http://localhost:3200, or /tempo through a proxy',
  prometheus: 'http://localhost:9090, or /prometheus through a proxy',
}

export function SourceFields({ legend, id, kinds, value, onChange }: SourceFieldsProps) {
  const problems = sourceProblems(value)
  const [test, setTest] = useState<{ state: 'testing' } | { state: 'done'; result: ConnectionResult } | null>(null)
  const running = useRef<AbortController | null>(null)
  useEffect(() => () => running.current?.abort(), [])
  // an edited field makes the last result stale: it is dropped (and a test under way cancelled)
  const set = (patch: Partial<SourceConfig>) => {
    running.current?.abort()
    setTest(null)
    onChange({ ...value, ...patch })
  }
  const runTest = () => {
    running.current?.abort()
    const ac = new AbortController()
    running.current = ac
    setTest({ state: 'testing' })
    void testConnection(value, ac.signal).then((result) => {
      if (!ac.signal.aborted) setTest({ state: 'done', result })
    })
  }
  const canTest = value.kind !== 'none' && !problems.baseUrl && !problems.authHeader
  return (
    <fieldset className="panel settings-fieldset">
      <legend>{legend}</legend>
      <div className="settings-field">
        <label htmlFor={`${id}-kind`}>Backend</label>
        <select id={`${id}-kind`} value={value.kind} onChange={(e) => set({ kind: e.target.value })}>
          {kinds.map((k) => (
            <option key={k.value} value={k.value}>
              {k.label}
            </option>
          ))}
        </select>
      </div>
      {needsUrl(value.kind) ? (
        <>
          <div className="settings-field">
            <label htmlFor={`${id}-url`}>Base URL</label>
            {/* text, not type="url": a path on this server such as /jaeger is a valid base URL */}
            <input
              id={`${id}-url`}
              type="text"
              inputMode="url"
              spellCheck={false}
              value={value.baseUrl ?? ''}
              placeholder={URL_EXAMPLE[value.kind] ?? 'http://host:port, or a path through a proxy'}
              aria-invalid={problems.baseUrl ? true : undefined}
              aria-describedby={`${id}-url-help`}
              onChange={(e) => set({ baseUrl: e.target.value })}
            />
            {problems.baseUrl ? (
              <span id={`${id}-url-help`} className="settings-help settings-invalid" role="alert">
                {problems.baseUrl}
              </span>
            ) : (
              <span id={`${id}-url-help`} className="settings-help">
                An http(s) URL, or a path on this server such as /jaeger; empty means this server (a proxy in front of the console).
              </span>
            )}
          </div>
          <div className="settings-field">
            <label htmlFor={`${id}-auth`}>Authorization header</label>
            <input
              id={`${id}-auth`}
              type="password"
              autoComplete="off"
              value={value.authHeader ?? ''}
              placeholder="Bearer …  (optional)"
              aria-invalid={problems.authHeader ? true : undefined}
              aria-describedby={problems.authHeader ? `${id}-auth-help` : undefined}
              onChange={(e) => set({ authHeader: e.target.value || undefined })}
            />
            {problems.authHeader ? (
              <span id={`${id}-auth-help`} className="settings-help settings-invalid" role="alert">
                {problems.authHeader}
              </span>
            ) : null}
          </div>
          {value.kind === 'jaeger' ? (
            <div className="settings-field">
              <label htmlFor={`${id}-api`}>Jaeger API</label>
              <select id={`${id}-api`} value={value.api ?? 'auto'} onChange={(e) => set({ api: e.target.value as SourceConfig['api'] })}>
                <option value="auto">Automatic (v3 when present)</option>
                <option value="v3">v3 (OTLP JSON)</option>
                <option value="legacy">Classic JSON API</option>
              </select>
            </div>
          ) : null}
        </>
      ) : null}
      {value.kind !== 'none' ? (
        <div className="settings-test">
          <button type="button" className="btn" onClick={runTest} disabled={!canTest || test?.state === 'testing'} aria-describedby={`${id}-test-result`}>
            {test?.state === 'testing' ? 'Testing…' : 'Test connection'}
          </button>
          <span id={`${id}-test-result`} role="status" data-testid={`${id}-test-result`} className={test?.state === 'done' ? (test.result.ok ? 'settings-test-ok' : 'settings-test-failed') : 'muted'}>
            {test?.state === 'done' ? test.result.message : test?.state === 'testing' ? 'Asking the source with the values above (not saved)…' : 'Asks the source with the values above, saved or not.'}
          </span>
        </div>
      ) : null}
    </fieldset>
  )
}
