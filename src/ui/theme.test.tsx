import { act, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ThemeProvider, useTheme, useTokens } from './theme'

const SPEC = { fg: ['--fg', 'fallback-fg'], bg: ['--bg-raised', 'fallback-bg'] } as const

function Probe() {
  const { toggle } = useTheme()
  const tokens = useTokens(SPEC)
  return (
    <>
      <output data-testid="tokens">{`${tokens.fg} ${tokens.bg}`}</output>
      <button type="button" onClick={toggle}>toggle</button>
    </>
  )
}

describe('useTokens', () => {
  let style: HTMLStyleElement
  beforeEach(() => {
    localStorage.setItem('tracelens.theme', 'light')
    document.documentElement.dataset.theme = 'light'
    style = document.createElement('style')
    style.textContent = ":root[data-theme='light'] { --fg: #111111; } :root[data-theme='dark'] { --fg: #eeeeee; }"
    document.head.append(style)
  })
  afterEach(() => {
    style.remove()
    localStorage.removeItem('tracelens.theme')
  })

  it("gives the current theme's values, the fallback for a token the stylesheet lacks, and the new values after the theme changes", async () => {
    render(<ThemeProvider><Probe /></ThemeProvider>)
    expect(screen.getByTestId('tokens').textContent).toBe('#111111 fallback-bg')
    await act(async () => screen.getByRole('button', { name: 'toggle' }).click())
    expect(document.documentElement.dataset.theme).toBe('dark')
    expect(screen.getByTestId('tokens').textContent).toBe('#eeeeee fallback-bg')
  })
})
