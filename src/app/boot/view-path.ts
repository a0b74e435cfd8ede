/**
 * The view an address shows, by the name of its chunk (see viewChunks in ./router.tsx). Self-contained
 * on purpose: the build also writes this function into index.html (vite.config.ts, viewPreload), so
 * the browser starts fetching the view's code while the shell's own code still loads.
 */
export type ViewName = 'home' | 'search' | 'trace' | 'errors' | 'topology' | 'metrics' | 'paths' | 'settings'

export function viewChunkFor(pathname: string): ViewName | null {
  const path = pathname.replace(/\/+$/, '') || '/'
  if (path === '/') return 'home'
  if (path === '/traces') return 'search'
  if (/^\/traces\/[^/]+$/.test(path)) return 'trace'
  const top = /^\/(errors|topology|metrics|paths|settings)$/.exec(path)
  return top ? (top[1] as ViewName) : null
}
