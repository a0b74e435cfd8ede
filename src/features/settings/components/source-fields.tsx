import type { SourceConfig } from '../../../api/config'

export interface SourceFieldsProps {
  legend: string
  /** prefix of the field ids */
  id: string
  kinds: readonly { value: string; label: string }[]
  value: SourceConfig
  onChange: (next: SourceConfig) => void
}

const needsUrl = (kind: string) => kind !== 'synthetic' && kind !== 'none'

/** Kind, base URL and Authorization header of one data source. */
export function SourceFields({ legend, id, kinds, value, onChange }: SourceFieldsProps) {
  const set = (patch: Partial<SourceConfig>) => onChange({ ...value, ...patch })
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
            <input
              id={`${id}-url`}
              type="url"
              value={value.baseUrl ?? ''}
              placeholder="http://localhost:16686, or /jaeger through a proxy"
              onChange={(e) => set({ baseUrl: e.target.value })}
            />
            <span className="settings-help">Empty means this server (a proxy in front of the console).</span>
          </div>
          <div className="settings-field">
            <label htmlFor={`${id}-auth`}>Authorization header</label>
            <input
              id={`${id}-auth`}
              type="password"
              autoComplete="off"
              value={value.authHeader ?? ''}
              placeholder="Bearer …  (optional)"
              onChange={(e) => set({ authHeader: e.target.value || undefined })}
            />
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
    </fieldset>
  )
}
