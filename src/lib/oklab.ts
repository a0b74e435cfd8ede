/** OKLab (Björn Ottosson, 2020): a perceptual colour space where Euclidean distance tracks how
 * different two colours look. A distance of about 0.02 is a just-noticeable difference. */
export type Oklab = readonly [L: number, a: number, b: number]

function linear(c: number): number {
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
}

/** OKLab of an sRGB colour given as 0–1 channels. */
export function srgbToOklab(r: number, g: number, b: number): Oklab {
  const lr = linear(r)
  const lg = linear(g)
  const lb = linear(b)
  const l = Math.cbrt(0.4122214708 * lr + 0.5363325363 * lg + 0.0514459929 * lb)
  const m = Math.cbrt(0.2119034982 * lr + 0.6806995451 * lg + 0.1073969566 * lb)
  const s = Math.cbrt(0.0883024619 * lr + 0.2817188376 * lg + 0.6299787005 * lb)
  return [
    0.2104542553 * l + 0.793617785 * m - 0.0040720468 * s,
    1.9779984951 * l - 2.428592205 * m + 0.4505937099 * s,
    0.0259040371 * l + 0.7827717662 * m - 0.808675766 * s,
  ]
}

/** ΔE in OKLab (Euclidean). */
export function oklabDistance(p: Oklab, q: Oklab): number {
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2])
}
