import { describe, expect, it } from 'vitest'
import { oklabDistance, srgbToOklab, type Oklab } from './oklab'
import { hslToRgb, relativeLuminance, RESERVED_RED_DEGREES, serviceColor, serviceHue } from './service-color'
import { assignServiceColors, paletteCandidates } from './service-palette'

const parse = (c: string): [number, number, number] => {
  const m = /^hsl\((\d+) ([\d.]+)% ([\d.]+)%\)$/.exec(c)
  if (!m) throw new Error(`not an hsl colour: ${c}`)
  return hslToRgb(Number(m[1]), Number(m[2]) / 100, Number(m[3]) / 100)
}
const lab = (c: string): Oklab => srgbToOklab(...parse(c))
const hex = (h: string): [number, number, number] => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16) / 255) as [number, number, number]
const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)

function closestPair(colors: Map<string, string>): { d: number; pair: string } {
  const e = [...colors]
  let best = { d: Infinity, pair: '' }
  for (let i = 0; i < e.length; i++) {
    for (let j = i + 1; j < e.length; j++) {
      const d = oklabDistance(lab(e[i][1]), lab(e[j][1]))
      if (d < best.d) best = { d, pair: `${e[i][0]} / ${e[j][0]}` }
    }
  }
  return best
}

/** the services of the checkout error chain of the synthetic incident, and their neighbours on screen */
const CHAIN = ['api-gateway', 'checkout-bff', 'order-service', 'stock-service', 'payment-service', 'fraud-service']
const CHECKOUT_TRACE = [...CHAIN, 'ledger-service', 'user-service', 'mysql-orders', 'mysql-payments', 'redis-session', 'cart-service', 'pricing-service', 'coupon-service', 'mq-order-events']

/** OKLab ΔE ≈ 0.02 is a just-noticeable difference; these floors are several times that. */
const CHAIN_FLOOR = 0.12
const TRACE_FLOOR = 0.07

describe('assignServiceColors', () => {
  it('tells apart the services of one error chain by a clear perceptual distance', () => {
    const { d, pair } = closestPair(assignServiceColors(CHAIN))
    expect(d, `closest: ${pair}`).toBeGreaterThanOrEqual(CHAIN_FLOOR)
  })

  it('does better than the hash colours, which give api-gateway, checkout-bff and order-service olive shades', () => {
    const hashed = new Map(CHAIN.map((s) => [s, serviceColor(s)]))
    expect(closestPair(hashed).d).toBeLessThan(CHAIN_FLOOR)
    const three = assignServiceColors(['api-gateway', 'checkout-bff', 'order-service'])
    expect(closestPair(three).d).toBeGreaterThanOrEqual(0.2)
    const pf = assignServiceColors(['payment-service', 'fraud-service'])
    expect(oklabDistance(lab(pf.get('payment-service')!), lab(pf.get('fraud-service')!))).toBeGreaterThanOrEqual(0.2)
  })

  it('keeps a useful distance among the fifteen services of a checkout trace', () => {
    const { d, pair } = closestPair(assignServiceColors(CHECKOUT_TRACE))
    expect(d, `closest: ${pair}`).toBeGreaterThanOrEqual(TRACE_FLOOR)
  })

  it('depends on the set only, not on the order the services arrive in, and gives each one colour', () => {
    const a = assignServiceColors(CHECKOUT_TRACE)
    const b = assignServiceColors([...CHECKOUT_TRACE].reverse().concat(CHECKOUT_TRACE))
    expect([...b].sort()).toEqual([...a].sort())
    expect(new Set(a.values()).size).toBe(CHECKOUT_TRACE.length)
  })

  it('never hands out a red or anything close to the error reds, and keeps 3:1 contrast on both themes', () => {
    const reds = ['#c21f2c', '#ff6b6b'].map((h) => srgbToOklab(...hex(h)))
    const panels = ['#ffffff', '#dce7fb', '#171b23'].map((h) => relativeLuminance(...hex(h)))
    for (const c of paletteCandidates()) {
      expect(c.hue >= RESERVED_RED_DEGREES && c.hue <= 360 - RESERVED_RED_DEGREES, c.css).toBe(true)
      for (const r of reds) expect(oklabDistance(c.lab, r), c.css).toBeGreaterThanOrEqual(0.16)
      const l = relativeLuminance(...parse(c.css))
      for (const p of panels) expect(contrast(l, p), c.css).toBeGreaterThanOrEqual(3)
    }
  })
})

describe('assignServiceColors picks as its definition says', () => {
  // the definition, written plainly: each service in name order takes the free candidate farthest
  // from every colour taken, a tie (within 0.004) going to the candidate nearest its own hue
  function byDefinition(services: string[]): Map<string, string> {
    const free = [...paletteCandidates()]
    const taken: Oklab[] = []
    const out = new Map<string, string>()
    for (const name of [...new Set(services)].sort()) {
      if (free.length === 0) break
      const dist = free.map((c) => Math.min(Infinity, ...taken.map((t) => oklabDistance(c.lab, t))))
      const far = Math.max(...dist)
      const gap = (h: number) => Math.min(Math.abs(h - serviceHue(name)) % 360, 360 - (Math.abs(h - serviceHue(name)) % 360))
      const ties = free.map((c, i) => ({ c, i })).filter(({ i }) => dist[i] >= far - 0.004)
      const pick = ties.reduce((a, b) => (gap(b.c.hue) < gap(a.c.hue) ? b : a))
      free.splice(pick.i, 1)
      taken.push(pick.c.lab)
      out.set(name, pick.c.css)
    }
    return out
  }

  it('for the checkout trace, a 60-service screen and more services than there are colours', () => {
    const many = Array.from({ length: 60 }, (_, i) => `svc-${(i * 7919) % 1000}`)
    const tooMany = Array.from({ length: paletteCandidates().length + 5 }, (_, i) => `s${i}`)
    for (const set of [CHECKOUT_TRACE, many, tooMany]) expect(assignServiceColors(set)).toEqual(byDefinition(set))
  })
})
