/**
 * A stable colour per service, the same in every view and both themes.
 * Hue comes from a hash of the name; saturation and lightness are fixed so every colour
 * holds at least 3:1 contrast against both theme backgrounds for bars and dots.
 */
function hash(s: string): number {
  let h = 2166136261
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 16777619)
  }
  return h >>> 0
}

/** Hues spaced by the golden angle, so similar names still land far apart. */
export function serviceHue(service: string): number {
  return Math.round((hash(service) * 137.508) % 360)
}

export function serviceColor(service: string): string {
  return `hsl(${serviceHue(service)} 62% 50%)`
}
