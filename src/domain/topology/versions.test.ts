import { describe, expect, it } from 'vitest'
import type { ChangeEvent } from '../model'
import { node } from './fixtures.test-util'
import { splitServices } from './versions'

const deploy = (service: string, version: string, time: number, stage: string | null): ChangeEvent => ({ id: `${service}-${version}`, time, service, kind: 'deploy', description: '', version, dc: null, cluster: null, deployStage: stage })

describe('splitServices', () => {
  const nodes = [
    node('stock@v2.13.4', { service: 'stock', version: 'v2.13.4' }),
    node('stock@v2.14.0', { service: 'stock', version: 'v2.14.0' }),
    node('cart@v1.2.0', { service: 'cart', version: 'v1.2.0' }),
  ]
  it('names the services that ran two versions, the one deployed in the window last, with its stage', () => {
    const s = splitServices(nodes, [deploy('stock', 'v2.14.0', 1000, 'canary'), deploy('cart', 'v1.2.0', 500, 'full')])
    expect(s).toEqual([
      {
        service: 'stock',
        versions: [
          { version: 'v2.13.4', id: 'stock@v2.13.4', deployed: null },
          { version: 'v2.14.0', id: 'stock@v2.14.0', deployed: { time: 1000, stage: 'canary' } },
        ],
      },
    ])
  })
  it('says nothing when no node carries a version (another grouping)', () => {
    expect(splitServices([node('stock'), node('cart')], [])).toEqual([])
  })
})
