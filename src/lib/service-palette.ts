import { srgbToOklab, oklabDistance, type Oklab } from './oklab'
import { hslToRgb, lightnessFor, RESERVED_RED_DEGREES, serviceHue } from './service-color'

/**
 * Colours for the services on one screen, told apart by maximum perceptual distance.
 *
 * A hash alone gives neighbours in a call chain colours that look alike (three olive shades for
 * api-gateway, checkout-bff and order-service). Here the services shown together pick, one after
 * the other, the candidate colour farthest (in OKLab) from every colour already taken; a service's
 * own hash hue breaks ties, so a service alone keeps a colour near its usual hue. The assignment depends only
 * on the set of names (they are sorted first), so the same services get the same colours in every
 * panel of a view whatever order they arrive in.
 *
 * Candidates keep the rules of `serviceColor`: no hue within `RESERVED_RED_DEGREES` of red (red
 * means error), nothing perceptually close to the error reds of either theme, and a relative luminance between 0.14 and 0.22, which keeps at least 3:1
 * contrast on the panels of both themes (and on the selected row's blue).
 */
export interface Candidate {
  readonly css: string
  readonly hue: number
  readonly lab: Oklab
}

const HUE_STEP = 4
const LUMINANCES = [0.145, 0.215] as const
const SATURATIONS = [0.62, 0.9] as const

/** The error reds of both themes (`--crit`); no candidate may come closer to either than `RED_DISTANCE`. */
const ERROR_REDS: readonly Oklab[] = [srgbToOklab(0xc2 / 255, 0x1f / 255, 0x2c / 255), srgbToOklab(1, 0x6b / 255, 0x6b / 255)]
export const RED_DISTANCE = 0.16

let candidates: Candidate[] | undefined

export function paletteCandidates(): readonly Candidate[] {
  if (candidates) return candidates
  const out: Candidate[] = []
  for (let hue = RESERVED_RED_DEGREES; hue <= 360 - RESERVED_RED_DEGREES; hue += HUE_STEP) {
    for (const sat of SATURATIONS) {
      for (const lum of LUMINANCES) {
        const l = lightnessFor(hue, sat, lum)
        const lab = srgbToOklab(...hslToRgb(hue, sat, l))
        if (ERROR_REDS.some((red) => oklabDistance(lab, red) < RED_DISTANCE)) continue
        out.push({ css: `hsl(${hue} ${sat * 100}% ${(l * 100).toFixed(1)}%)`, hue, lab })
      }
    }
  }
  candidates = out
  return out
}

const hueGap = (a: number, b: number) => {
  const d = Math.abs(a - b) % 360
  return Math.min(d, 360 - d)
}

/** Distances closer than this count as a tie, decided by the service's own hash hue. */
const TIE = 0.004

/** One colour per distinct service name, chosen by maximum distance among them. */
export function assignServiceColors(services: Iterable<string>): Map<string, string> {
  const names = [...new Set(services)].sort()
  const free = [...paletteCandidates()]
  // each free candidate's distance to the nearest colour taken so far, kept up to date as colours
  // are taken (one pass per service, not one per service and colour taken)
  const dist = free.map(() => Infinity)
  const out = new Map<string, string>()
  for (const name of names) {
    if (free.length === 0) break
    let far = -Infinity
    for (const d of dist) if (d > far) far = d
    const own = serviceHue(name)
    let pick = -1
    for (let i = 0; i < free.length; i++) {
      if (dist[i] < far - TIE) continue
      if (pick < 0 || hueGap(free[i].hue, own) < hueGap(free[pick].hue, own)) pick = i
    }
    const [chosen] = free.splice(pick, 1)
    dist.splice(pick, 1)
    for (let i = 0; i < free.length; i++) dist[i] = Math.min(dist[i], oklabDistance(free[i].lab, chosen.lab))
    out.set(name, chosen.css)
  }
  return out
}
