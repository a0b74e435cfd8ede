// @vitest-environment node
import { rankTagDifferences } from './tag-diff'

const rep = <T,>(n: number, item: T): T[] => Array.from({ length: n }, () => item)

describe('rankTagDifferences', () => {
  it('ranks the value that grew most in the selection first, with both shares', () => {
    const selection = [...rep(8, { DeployStage: 'canary', DC: 'dc-a' }), ...rep(2, { DeployStage: 'full', DC: 'dc-b' })]
    const baseline = [...rep(1, { DeployStage: 'canary', DC: 'dc-a' }), ...rep(9, { DeployStage: 'full', DC: 'dc-a' })]
    const ranked = rankTagDifferences(selection, baseline)
    expect(ranked[0]).toMatchObject({ key: 'DeployStage', value: 'canary', selectionShare: 0.8, baselineShare: 0.1 })
    // DC=dc-a is 80% of the selection but 100% of the baseline: not over-represented
    expect(ranked.find((d) => d.key === 'DC' && d.value === 'dc-a')).toBeUndefined()
  })

  it('ignores ids and values carried by too few items, and is empty for an empty selection', () => {
    const selection = [{ traceId: 'a', PodName: 'p1' }, { traceId: 'b', PodName: 'p1' }, ...rep(18, { PodName: 'p2' })]
    const ranked = rankTagDifferences(selection, [], { minSelectionShare: 0.2 })
    expect(ranked.map((d) => `${d.key}=${d.value}`)).toEqual(['PodName=p2'])
    expect(rankTagDifferences([], selection)).toEqual([])
  })
})
