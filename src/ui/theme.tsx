import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react'
import type { ReactNode } from 'react'

export type ThemeName = 'light' | 'dark'
const STORAGE_KEY = 'tracelens.theme'

interface ThemeState {
  theme: ThemeName
  setTheme: (t: ThemeName) => void
  toggle: () => void
}

const ThemeContext = createContext<ThemeState | null>(null)

function initialTheme(): ThemeName {
  try {
    const saved = localStorage.getItem(STORAGE_KEY)
    if (saved === 'light' || saved === 'dark') return saved
  } catch {
    // storage may be unavailable (private mode); fall through to the system preference
  }
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'
}

/** Light and dark themes over one set of CSS variables (src/app/styles/tokens.css); the choice persists. */
export function ThemeProvider({ children }: { children: ReactNode }) {
  const [theme, setThemeState] = useState<ThemeName>(initialTheme)
  useEffect(() => {
    document.documentElement.dataset.theme = theme
    document.documentElement.style.colorScheme = theme
  }, [theme])
  const setTheme = useCallback((t: ThemeName) => {
    setThemeState(t)
    try {
      localStorage.setItem(STORAGE_KEY, t)
    } catch {
      // not persisted; the theme still applies for this page
    }
  }, [])
  const value = useMemo<ThemeState>(
    () => ({ theme, setTheme, toggle: () => setTheme(theme === 'dark' ? 'light' : 'dark') }),
    [theme, setTheme],
  )
  return <ThemeContext.Provider value={value}>{children}</ThemeContext.Provider>
}

export function useTheme(): ThemeState {
  const ctx = useContext(ThemeContext)
  if (!ctx) throw new Error('useTheme() needs a <ThemeProvider> above it.')
  return ctx
}

/** Reads a design token (CSS variable) of the current theme, e.g. cssVar('--fg'). */
export function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim()
}

/** Design tokens a drawing needs: its name for each → [CSS variable, light-theme value for hosts without the stylesheet (unit tests)]. */
export type TokenSpec = Readonly<Record<string, readonly [variable: string, fallback: string]>>
export type Tokens<S extends TokenSpec> = { [K in keyof S]: string }

/** The tokens' values in the current theme. */
export function readTokens<S extends TokenSpec>(spec: S): Tokens<S> {
  const out = {} as Record<keyof S, string>
  for (const name of Object.keys(spec) as (keyof S)[]) out[name] = cssVar(spec[name][0]) || spec[name][1]
  return out
}

/**
 * Tokens for drawing that cannot use CSS variables (canvas, ECharts, Cytoscape), read again when
 * the theme changes. They follow the theme attribute on <html>, which the provider sets in an
 * effect after its children rendered: a read keyed on `useTheme()` during render would get the
 * old theme's values. `spec`: a module constant.
 */
export function useTokens<S extends TokenSpec>(spec: S): Tokens<S> {
  const [tokens, setTokens] = useState(() => readTokens(spec))
  useEffect(() => {
    const mo = new MutationObserver(() => {
      const next = readTokens(spec)
      setTokens((was) => (Object.keys(spec).every((k) => was[k] === next[k]) ? was : next))
    })
    mo.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] })
    return () => mo.disconnect()
  }, [spec])
  return tokens
}
