import { Suspense, useEffect } from 'react'
import { NavLink, Outlet, useLocation, useSearchParams } from 'react-router'
import { useDataSource } from '../api/source-context'
import { isPinned, now } from '../lib/clock'
import { formatAbsoluteZoned, formatInteger } from '../lib/format'
import { useSyntheticWorld } from '../ui/use-synthetic-world'
import { worldCarry } from '../lib/time-range'
import { InputBanner } from './input-banner'
import { LoadingState } from '../ui/states'
import { WaitingNotice } from '../ui/waiting-notice'
import { ShortcutsButton, ShortcutsDialog } from '../ui/shortcuts-dialog'
import { useTheme } from '../ui/theme'
import { TimeRangePicker } from '../ui/time-range/time-range-picker'
import { TimeZoneSelect } from '../ui/time-zone/time-zone-select'
import { useTimeZone } from '../ui/time-zone/use-time-zone'
import { useCarry } from '../ui/time-range/use-carry'

const NAV = [
  { to: '/', label: 'Now', key: 'n' },
  { to: '/traces', label: 'Traces', key: 't' },
  { to: '/errors', label: 'Errors', key: 'e' },
  { to: '/topology', label: 'Topology', key: 'o' },
  { to: '/metrics', label: 'Metrics', key: 'm' },
  { to: '/paths', label: 'Paths', key: 'p' },
] as const

/**
 * With the synthetic world, the address itself names the world's anchor and size (`anchor=`,
 * `scale=`), as every link does: the address a person copies shows the same data elsewhere.
 */
function useWorldInAddress(): void {
  const [params, setParams] = useSearchParams()
  const world = worldCarry(useSyntheticWorld())
  const anchor = world?.anchor ?? null
  const scale = world?.scale ?? null
  const missing = (anchor !== null && !params.has('anchor')) || (scale !== null && !params.has('scale'))
  useEffect(() => {
    if (!missing) return
    setParams(
      () => {
        // from the address as it is now, not as this render saw it: the world becomes known at any
        // moment, and a view may have written the address since (a trace's zoom, a span chosen);
        // building on this render's copy would take those back
        const next = new URLSearchParams(window.location.search)
        if (anchor !== null && !next.has('anchor')) next.set('anchor', new Date(anchor).toISOString())
        if (scale !== null && !next.has('scale')) next.set('scale', String(scale))
        return next
      },
      { replace: true, preventScrollReset: true },
    )
  }, [missing, anchor, scale, setParams])
}

/** `?scale=` grew the synthetic world: say so, with a way back to the default world (a new load). */
function WorldScaleNote() {
  const world = useSyntheticWorld()
  const { pathname, search } = useLocation()
  if (!world || world.services <= world.baseServices) return null
  const back = new URLSearchParams(search)
  back.set('scale', String(world.baseServices))
  return (
    <span className="world-scale" data-testid="world-scale" title="The synthetic world was grown with ?scale= (kept for this tab)">
      {formatInteger(world.services)} services
      <a
        className="world-scale-back"
        href={`${pathname}?${back.toString()}`}
        aria-label={`Back to the default world of ${world.baseServices} services`}
        title={`Back to the default world of ${world.baseServices} services`}
      >
        ✕
      </a>
    </span>
  )
}

/** The shell: navigation, global time range, data source indicator, theme. */
export function Layout() {
  useWorldInAddress()
  const { theme, toggle } = useTheme()
  const source = useDataSource()
  // the view is drawn again in the new zone (texts, chart axes) when the setting changes
  const zone = useTimeZone()
  const carry = useCarry()
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand" aria-label="TraceLens console">
          <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true">
            <circle cx="7.5" cy="7.5" r="5.5" fill="none" stroke="currentColor" strokeWidth="2" />
            <path d="M11.5 11.5 16 16" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
            <path d="M4.5 7.5h2l1-2 1 4 1-2h1" fill="none" stroke="var(--accent)" strokeWidth="1.4" />
          </svg>
          TraceLens
        </span>
        <nav aria-label="Views" className="nav">
          {NAV.map((n) => (
            <NavLink key={n.to} to={{ pathname: n.to, search: carry ? `?${carry}` : '' }} className="nav-link" end={n.to === '/'}>
              {n.label}
            </NavLink>
          ))}
        </nav>
        <div className="topbar-right">
          <TimeRangePicker />
          <TimeZoneSelect compact />
          <WorldScaleNote />
          <span
            className="source-indicator"
            data-testid="source-indicator"
            role="note"
            aria-label={`Data source: ${source.label}${isPinned() ? ' · pinned clock' : ''}`}
            title={`Data source: ${source.label}${isPinned() ? ` · the clock is pinned at ${formatAbsoluteZoned(now())}` : ''}`}
          >
            <span className={`dot ${source.id === 'synthetic' ? 'dot-synthetic' : 'dot-live'}`} aria-hidden="true" />
            <span className="source-indicator-label">
              {source.label}
              {isPinned() ? ' · pinned clock' : ''}
            </span>
          </span>
          <ShortcutsButton />
          <NavLink to="/settings" className="nav-link" title="Data sources and settings">
            Settings
          </NavLink>
          <button
            type="button"
            className="btn btn-ghost"
            onClick={toggle}
            aria-label={theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}
            title={theme === 'dark' ? 'Light theme' : 'Dark theme'}
          >
            {theme === 'dark' ? '☀' : '☾'}
          </button>
        </div>
      </header>
      <ShortcutsDialog />
      <InputBanner />
      <main id="main" className="main" tabIndex={-1}>
        <Suspense key={zone} fallback={<LoadingState label="Loading view…" />}>
          <Outlet />
        </Suspense>
      </main>
      <WaitingNotice />
    </div>
  )
}
