import { useEffect, useState } from 'react'
import { cssVar, useTheme } from '../../../ui/theme'
import type { ChartPalette } from '../lib/chart-option'

function readPalette(): ChartPalette {
  const v = (name: string, fallback: string) => cssVar(name) || fallback
  return {
    fg: v('--fg', '#1b1f27'),
    muted: v('--fg-muted', '#505867'),
    grid: v('--chart-grid', '#e2e5ea'),
    accent: v('--accent', '#1f5fd1'),
    crit: v('--crit', '#c21f2c'),
    warn: v('--warn', '#8a5a00'),
    bg: v('--bg-raised', '#ffffff'),
  }
}

/**
 * Chart colours from the design tokens of the current theme. The theme attribute is applied by
 * the provider's effect, after ours, so the tokens are read again on the next frame.
 */
export function useChartPalette(): ChartPalette {
  const { theme } = useTheme()
  const [palette, setPalette] = useState(readPalette)
  useEffect(() => {
    const id = requestAnimationFrame(() => setPalette(readPalette()))
    return () => cancelAnimationFrame(id)
  }, [theme])
  return palette
}
