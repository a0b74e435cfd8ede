import { describe, expect, it } from 'vitest'
import { cssColorToHex, hslToRgb, relativeLuminance, RESERVED_RED_DEGREES, serviceColor, serviceHue } from './service-color'

const hex = (h: string): [number, number, number] => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16) / 255) as [number, number, number]
const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)
const parse = (c: string) => {
  const m = /^hsl\((\d+) ([\d.]+)% ([\d.]+)%\)$/.exec(c)
  if (!m) throw new Error(`not an hsl colour: ${c}`)
  return relativeLuminance(...hslToRgb(Number(m[1]), Number(m[2]) / 100, Number(m[3]) / 100))
}
const names = Array.from({ length: 400 }, (_, i) => `service-${i}-${(i * 7919).toString(36)}`).concat(['payment-service', 'stock-service', 'api-gateway', 'mysql-orders'])

describe('serviceColor', () => {
  it('gives a service the same colour every time', () => {
    expect(serviceColor('stock-service')).toBe(serviceColor('stock-service'))
    expect(serviceColor('stock-service')).not.toBe(serviceColor('order-service'))
  })

  it('never gives a service a red, which is kept for errors', () => {
    for (const n of names) {
      const h = serviceHue(n)
      expect(h >= RESERVED_RED_DEGREES && h <= 360 - RESERVED_RED_DEGREES, `${n}: hue ${h}`).toBe(true)
    }
  })

  it('holds 3:1 contrast against the raised panels of both themes, yellows included', () => {
    const white = relativeLuminance(...hex('#ffffff'))
    const selected = relativeLuminance(...hex('#dce7fb'))
    const dark = relativeLuminance(...hex('#171b23'))
    for (const n of names) {
      const l = parse(serviceColor(n))
      expect(contrast(l, white), n).toBeGreaterThanOrEqual(3)
      expect(contrast(l, selected), n).toBeGreaterThanOrEqual(3)
      expect(contrast(l, dark), n).toBeGreaterThanOrEqual(3)
    }
  })

  it('spreads a handful of services over distinct hues', () => {
    const hues = ['api-gateway', 'checkout-bff', 'order-service', 'stock-service', 'payment-service'].map(serviceHue)
    expect(new Set(hues).size).toBe(5)
  })
})

describe('cssColorToHex', () => {
  it('reads the palettes’ space-separated hsl() as the same colour in hex', () => {
    const c = serviceColor('stock-service')
    const m = /^hsl\((\d+) ([\d.]+)% ([\d.]+)%\)$/.exec(c)
    expect(m).not.toBeNull()
    const rgb = hslToRgb(Number(m?.[1]), Number(m?.[2]) / 100, Number(m?.[3]) / 100)
    const h = cssColorToHex(c) ?? ''
    expect(h).toMatch(/^#[0-9a-f]{6}$/)
    hex(h).forEach((v, i) => expect(Math.abs(v - rgb[i])).toBeLessThanOrEqual(0.5 / 255 + 1e-9))
  })

  it('reads comma-separated hsl(), rgb() and short hex, and refuses what it cannot read', () => {
    expect(cssColorToHex('hsl(120, 100%, 25%)')).toBe('#008000')
    expect(cssColorToHex('hsl(120 100% 25%)')).toBe('#008000')
    expect(cssColorToHex('rgb(255 0 0)')).toBe('#ff0000')
    expect(cssColorToHex('rgb(0, 128, 255)')).toBe('#0080ff')
    expect(cssColorToHex('#abc')).toBe('#aabbcc')
    expect(cssColorToHex('oklab(0.5 0.1 0.1)')).toBeUndefined()
    expect(cssColorToHex('var(--accent)')).toBeUndefined()
  })
})
