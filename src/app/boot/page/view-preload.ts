/**
 * Bundled into index.html by vite.config.ts (viewPreload): preload links for the code of the view
 * the address shows. The build replaces `__TRACELENS_VIEW_FILES__` with its files per view.
 */
import { writeViewPreloads } from '../view-path'
import type { ViewName } from '../view-path'

declare const __TRACELENS_VIEW_FILES__: Partial<Record<ViewName, string[]>>

writeViewPreloads(document, location.pathname, __TRACELENS_VIEW_FILES__)
