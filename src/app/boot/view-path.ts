import { traceSegmentOf } from '../../lib/trace-path'

/**
 * The view an address shows, by the name of its chunk (see viewChunks in ../router.tsx). Boot starts
 * loading that chunk (./early-start.ts), and the build bundles the same rule into index.html
 * (./page/view-preload.ts, vite.config.ts) so the browser fetches the view's code while the shell's
 * own code still loads.
 */
export type ViewName = 'home' | 'search' | 'trace' | 'errors' | 'topology' | 'metrics' | 'paths' | 'settings'

export function viewChunkFor(pathname: string): ViewName | null {
  const path = pathname.replace(/\/+$/, '') || '/'
  if (path === '/') return 'home'
  if (path === '/traces') return 'search'
  if (traceSegmentOf(path) !== null) return 'trace'
  const top = /^\/(errors|topology|metrics|paths|settings)$/.exec(path)
  return top ? (top[1] as ViewName) : null
}

/**
 * Writes into the document, while the parser is still in its head, preload links for the files of
 * the view at `pathname` (`files`: the build's chunk and CSS files per view). Written by the parser
 * (`document.write`) rather than appended: the browser then treats the links like those in the
 * page's own head, and appending them cost tens of ms of main thread.
 */
export function writeViewPreloads(doc: Pick<Document, 'write'>, pathname: string, files: Partial<Record<ViewName, string[]>>): void {
  const view = viewChunkFor(pathname)
  const links = (view ? (files[view] ?? []) : []).map((f) =>
    /\.css$/.test(f) ? `<link rel="preload" as="style" crossorigin href="${f}">` : `<link rel="modulepreload" crossorigin href="${f}">`,
  )
  if (links.length > 0) doc.write(links.join(''))
}
