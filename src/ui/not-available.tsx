/** Says that a kind of data is not available with the configured data source (never silently missing). */
export function NotAvailable({ what, source, hint }: { what: string; source: string; hint?: string }) {
  return (
    <div className="state state-empty" role="status" data-testid="not-available">
      <strong>{what} not available with this data source</strong>
      <div className="state-hint">
        {source} does not provide it.{hint ? ` ${hint}` : ''}
      </div>
    </div>
  )
}
