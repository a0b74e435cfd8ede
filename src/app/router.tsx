import { createBrowserRouter, createMemoryRouter, redirect } from 'react-router'
import type { RouteObject } from 'react-router'
import { Layout } from './layout'
import { NotFound } from './routes/not-found'
import { RouteErrorBoundary } from './routes/route-error-boundary'

/**
 * Every view is its own lazily loaded chunk; the shell loads none of them, nor ECharts or Cytoscape.
 */
export const routes: RouteObject[] = [
  {
    path: '/',
    Component: Layout,
    ErrorBoundary: RouteErrorBoundary,
    children: [
      { index: true, loader: ({ request }) => redirect(`/traces${new URL(request.url).search}`) },
      {
        ErrorBoundary: RouteErrorBoundary,
        children: [
          {
            path: 'traces',
            lazy: () => import('../features/traces/routes/search-route').then((m) => ({ Component: m.TraceSearchRoute })),
          },
          {
            path: 'traces/:traceId',
            lazy: () => import('../features/traces/routes/trace-route').then((m) => ({ Component: m.TraceRoute })),
          },
          {
            path: 'errors',
            lazy: () => import('../features/errors/routes/errors-route').then((m) => ({ Component: m.ErrorsRoute })),
          },
          {
            path: 'topology',
            lazy: () => import('../features/topology/routes/topology-route').then((m) => ({ Component: m.TopologyRoute })),
          },
          {
            path: 'metrics',
            lazy: () => import('../features/metrics/routes/metrics-route').then((m) => ({ Component: m.MetricsRoute })),
          },
          {
            path: 'settings',
            lazy: () => import('../features/settings/routes/settings-route').then((m) => ({ Component: m.SettingsRoute })),
          },
          { path: '*', Component: NotFound },
        ],
      },
    ],
  },
]

export const createAppRouter = () => createBrowserRouter(routes)
export const createTestRouter = (initialEntries: string[]) => createMemoryRouter(routes, { initialEntries })
