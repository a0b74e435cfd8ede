import type { ConfigOverrides, RuntimeConfig, SourceConfig } from '../../../api/config'
import type { CapabilityGaps, DataSource } from '../../../api/sources/data-source'
import { NotAvailable } from '../../../ui/not-available'
import { capabilityRows, describeSource } from '../lib/describe'

/** What the console uses right now, where each part comes from, and what it cannot show. */
export function EffectiveConfig({ source, file, overrides, gaps, checking }: { source: DataSource; file: RuntimeConfig; overrides: ConfigOverrides; gaps: CapabilityGaps; checking: boolean }) {
  const row = (name: string, c: SourceConfig, stored: boolean) => (
    <tr key={name}>
      <th scope="row">{name}</th>
      <td>{describeSource(c)}</td>
      <td className="mono">{c.baseUrl || (c.kind === 'synthetic' || c.kind === 'none' ? '—' : 'this server')}</td>
      <td>{c.authHeader ? 'set' : 'none'}</td>
      <td>{stored ? <span className="badge badge-warn">saved in this browser</span> : 'config.json'}</td>
    </tr>
  )
  const caps = capabilityRows(source, gaps)
  return (
    <section className="panel settings-effective" aria-labelledby="settings-effective-title">
      <h2 id="settings-effective-title">In use now: {source.label}</h2>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Kind</th>
            <th scope="col">Backend</th>
            <th scope="col">Base URL</th>
            <th scope="col">Authorization</th>
            <th scope="col">From</th>
          </tr>
        </thead>
        <tbody>
          {row('Traces', overrides.traces ?? file.traces, !!overrides.traces)}
          {row('Metrics and topology', overrides.metrics ?? file.metrics, !!overrides.metrics)}
        </tbody>
      </table>
      <h3>Available{checking ? <span className="muted"> (asking the backends what they hold…)</span> : null}</h3>
      <ul className="settings-caps" aria-label="Available with this data source">
        {caps.available.map((c) => (
          <li key={c}>
            <span aria-hidden="true">✓</span> {c}
          </li>
        ))}
      </ul>
      {caps.missing.length ? (
        <div className="settings-missing">
          {caps.missing.map((c) =>
            c.reason ? (
              <div key={c.label} className="state state-empty" role="status" data-testid="not-available">
                <strong>{c.label} not available</strong>
                <div className="state-hint">{c.reason}</div>
              </div>
            ) : (
              <NotAvailable key={c.label} what={c.label} source={source.label} />
            ),
          )}
        </div>
      ) : null}
    </section>
  )
}
