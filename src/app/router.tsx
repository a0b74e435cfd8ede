import { createBrowserRouter, createMemoryRouter } from 'react-router'
import type { RouteObject } from 'react-router'
import { Layout } from './layout'
import { COMPARE_ROUTE, TRACE_ROUTE } from '../lib/trace-path'
import type { ViewName } from './boot/view-path'
import { NotFound } from './routes/not-found'
import { RouteErrorBoundary } from './routes/route-error-boundary'

/** Every view's chunk, loaded on first use; boot starts the one the address names (./boot/early-start.ts). */
export const viewChunks = {
  home: () => import('../features/home/routes/home-route'),
  search: () => import('../features/traces/routes/search-route'),
  trace: () => import('../features/traces/routes/trace-route'),
  errors: () => import('../features/errors/routes/errors-route'),
  topology: () => import('../features/topology/routes/topology-route'),
  metrics: () => import('../features/metrics/routes/metrics-route'),
  paths: () => import('../features/paths/routes/paths-route'),
  settings: () => import('../features/settings/routes/settings-route'),
} satisfies Record<ViewName, () => Promise<unknown>>

/**
 * Every view is its own lazily loaded chunk; the shell loads none of them, nor ECharts or Cytoscape.
 */
export const routes: RouteObject[] = [
  {
    path: '/',
    Component: Layout,
    ErrorBoundary: RouteErrorBoundary,
    children: [
      {
        ErrorBoundary: RouteErrorBoundary,
        children: [
          {
            index: true,
            lazy: () => viewChunks.home().then((m) => ({ Component: m.HomeRoute })),
          },
          {
            path: 'traces',
            lazy: () => viewChunks.search().then((m) => ({ Component: m.TraceSearchRoute })),
          },
          {
            path: COMPARE_ROUTE,
            lazy: () => import('../features/traces/routes/compare-route').then((m) => ({ Component: m.TraceCompareRoute })),
          },
          {
            path: TRACE_ROUTE,
            lazy: () => viewChunks.trace().then((m) => ({ Component: m.TraceRoute })),
          },
          {
            path: 'errors',
            lazy: () => viewChunks.errors().then((m) => ({ Component: m.ErrorsRoute })),
          },
          {
            path: 'topology',
            lazy: () => viewChunks.topology().then((m) => ({ Component: m.TopologyRoute })),
          },
          {
            path: 'metrics',
            lazy: () => viewChunks.metrics().then((m) => ({ Component: m.MetricsRoute })),
          },
          {
            path: 'paths',
            lazy: () => viewChunks.paths().then((m) => ({ Component: m.PathsRoute })),
          },
          {
            path: 'settings',
            lazy: () => viewChunks.settings().then((m) => ({ Component: m.SettingsRoute })),
          },
          { path: '*', Component: NotFound },
        ],
      },
    ],
  },
]

export const createAppRouter = () => createBrowserRouter(routes)
export type AppRouter = ReturnType<typeof createAppRouter>

/**
 * Settles when the router has loaded what the first address needs (its view's chunk). Rendering
 * only then makes the first render an ordinary, uninterrupted one: the router's own first update
 * is a transition, which React renders in slices between other tasks, and a big trace streaming
 * in at the same time (tasks of up to 100 ms) would hold every slice back for seconds.
 */
export function routerReady(router: AppRouter): Promise<void> {
  if (router.state.initialized) return Promise.resolve()
  return new Promise((resolve) => {
    const stop = router.subscribe((state) => {
      if (!state.initialized) return
      stop()
      resolve()
    })
  })
}
export const createTestRouter = (initialEntries: string[]) => createMemoryRouter(routes, { initialEntries })
