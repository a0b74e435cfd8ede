import { Link, useLocation } from 'react-router'

export function NotFound() {
  const location = useLocation()
  return (
    <section className="page page-narrow" aria-labelledby="nf-title">
      <h1 id="nf-title">Page not found</h1>
      <p>
        There is no view at <code>{location.pathname}</code>. It may have been a mistyped or outdated link.
      </p>
      <p>
        Go to <Link to="/traces">Traces</Link>, <Link to="/errors">Errors</Link>, <Link to="/topology">Topology</Link> or{' '}
        <Link to="/metrics">Metrics</Link>.
      </p>
    </section>
  )
}
