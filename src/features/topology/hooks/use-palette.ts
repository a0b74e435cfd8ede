import { useEffect, useState } from 'react'
import type { GraphPalette } from '../../../domain/topology/stylesheet'
import { cssVar } from '../../../ui/theme'

/** Fallbacks mirror the light tokens, for hosts without the stylesheet (unit tests). */
function readPalette(): GraphPalette {
  const v = (name: string, fallback: string) => cssVar(name) || fallback
  return {
    fg: v('--fg', '#1b1f27'),
    fgMuted: v('--fg-muted', '#505867'),
    bg: v('--bg', '#f6f7f9'),
    bgRaised: v('--bg-raised', '#ffffff'),
    bgSunken: v('--bg-sunken', '#eceef2'),
    border: v('--border', '#d3d7df'),
    borderStrong: v('--border-strong', '#aab1bd'),
    accent: v('--accent', '#1f5fd1'),
    ok: v('--ok', '#1d7a3e'),
    okBg: v('--ok-bg', '#e3f4e8'),
    warn: v('--warn', '#8a5a00'),
    warnBg: v('--warn-bg', '#fdf1d6'),
    crit: v('--crit', '#c21f2c'),
    critBg: v('--crit-bg', '#fde5e6'),
    capacity: v('--capacity', '#6d28d9'),
    unknown: v('--unknown', '#5f6673'),
    unknownBg: v('--unknown-bg', '#eceef2'),
    font: v('--font', 'sans-serif'),
  }
}

/**
 * The graph's colours from the design tokens. Canvas drawing cannot use CSS variables, so they
 * are resolved here, and again whenever the theme attribute on <html> changes.
 */
export function usePalette(): GraphPalette {
  const [palette, setPalette] = useState(readPalette)
  useEffect(() => {
    const mo = new MutationObserver(() => setPalette(readPalette()))
    mo.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] })
    return () => mo.disconnect()
  }, [])
  return palette
}
