/**
 * A stable colour per service, the same in every view and both themes.
 * Hue comes from a hash of the name, outside the band of reds kept for errors; lightness is
 * chosen per hue so every colour has the same luminance, which holds at least 3:1 contrast
 * against the raised backgrounds of both themes (a yellow and a blue read equally well).
 */
function hash(s: string): number {
  let h = 2166136261
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 16777619)
  }
  return h >>> 0
}

/** Hues within this many degrees of pure red are never given to a service: red means error. */
export const RESERVED_RED_DEGREES = 20
const SATURATION = 0.62
/** relative luminance of every service colour: 4.2:1 on white, 4.1:1 on the dark theme's panels */
const TARGET_LUMINANCE = 0.2

/** Hues spaced by the golden angle (so similar names still land far apart), skipping the reds. */
export function serviceHue(service: string): number {
  const span = 360 - 2 * RESERVED_RED_DEGREES
  return Math.round(RESERVED_RED_DEGREES + ((hash(service) * 137.508) % span))
}

function channel(c: number): number {
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
}

/** WCAG relative luminance of an sRGB colour given as 0–1 channels. */
export function relativeLuminance(r: number, g: number, b: number): number {
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

/** sRGB channels (0–1) of an HSL colour (hue in degrees, saturation and lightness 0–1). */
export function hslToRgb(h: number, s: number, l: number): [number, number, number] {
  const k = (n: number) => (n + h / 30) % 12
  const a = s * Math.min(l, 1 - l)
  const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, 9 - k(n), 1))
  return [f(0), f(8), f(4)]
}

/** The lightness (0–1) at which this hue and saturation reach a relative luminance (the target by default). */
export function lightnessFor(hue: number, saturation = SATURATION, luminance = TARGET_LUMINANCE): number {
  let lo = 0.05
  let hi = 0.95
  for (let i = 0; i < 22; i++) {
    const mid = (lo + hi) / 2
    if (relativeLuminance(...hslToRgb(hue, saturation, mid)) < luminance) lo = mid
    else hi = mid
  }
  return (lo + hi) / 2
}

const cache = new Map<string, string>()

export function serviceColor(service: string): string {
  let c = cache.get(service)
  if (c === undefined) {
    const hue = serviceHue(service)
    c = `hsl(${hue} ${SATURATION * 100}% ${(lightnessFor(hue) * 100).toFixed(1)}%)`
    cache.set(service, c)
  }
  return c
}

const hex2 = (c: number) => Math.round(Math.min(1, Math.max(0, c)) * 255).toString(16).padStart(2, '0')

/**
 * A CSS colour as `#rrggbb`, for drawing surfaces that do not parse modern CSS syntax (Cytoscape
 * reads only comma-separated `hsl()`/`rgb()` and hex, and paints anything else grey). Accepts what
 * the service palettes produce: `hsl(h s% l%)` with or without commas, `rgb()`, and hex.
 * Returns undefined for anything else, so a caller can fall back to a token instead of grey.
 */
export function cssColorToHex(css: string): string | undefined {
  const s = css.trim().toLowerCase()
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/.exec(s)
  if (hex) {
    const h = hex[1]
    return h.length === 3 ? `#${h[0]}${h[0]}${h[1]}${h[1]}${h[2]}${h[2]}` : `#${h}`
  }
  const fn = /^(hsla?|rgba?)\(\s*([^)]*)\)$/.exec(s)
  if (!fn) return undefined
  const parts = fn[2].split(/[\s,/]+/).filter((p) => p !== '')
  if (parts.length < 3) return undefined
  const num = (p: string) => Number.parseFloat(p)
  if (parts.slice(0, 3).some((p) => !Number.isFinite(num(p)))) return undefined
  if (fn[1].startsWith('hsl')) {
    const [r, g, b] = hslToRgb(((num(parts[0]) % 360) + 360) % 360, num(parts[1]) / 100, num(parts[2]) / 100)
    return `#${hex2(r)}${hex2(g)}${hex2(b)}`
  }
  const ch = (p: string) => (p.endsWith('%') ? num(p) / 100 : num(p) / 255)
  return `#${hex2(ch(parts[0]))}${hex2(ch(parts[1]))}${hex2(ch(parts[2]))}`
}
