import { useQueryClient } from '@tanstack/react-query'
import { isRouteErrorResponse, useLocation, useNavigate, useRouteError } from 'react-router'
import { describeError } from '../../api/errors'

function isChunkLoadError(e: unknown): boolean {
  return e instanceof Error && /dynamically imported module|Importing a module script failed|Failed to fetch/i.test(e.message)
}

/** Says what failed in plain words and offers a retry, without taking the shell down. */
export function RouteErrorBoundary() {
  const error = useRouteError()
  const navigate = useNavigate()
  const location = useLocation()
  const queryClient = useQueryClient()
  let title = 'This view failed'
  let detail = describeError(error)
  if (isRouteErrorResponse(error)) {
    title = error.status === 404 ? 'Not found' : `The view failed (${error.status})`
    detail = typeof error.data === 'string' && error.data ? error.data : error.statusText
  } else if (isChunkLoadError(error)) {
    title = 'This view could not be loaded'
    detail = 'Its code could not be downloaded. The console may have been updated, or the network dropped.'
  }
  const retry = () => {
    if (isChunkLoadError(error)) return window.location.reload()
    queryClient.resetQueries({ predicate: (q) => q.state.status === 'error' })
    navigate(location, { replace: true })
  }
  return (
    <section className="page page-narrow state state-error" role="alert">
      <h1>{title}</h1>
      <p>{detail}</p>
      <button type="button" className="btn btn-primary" onClick={retry}>
        Retry
      </button>
    </section>
  )
}
