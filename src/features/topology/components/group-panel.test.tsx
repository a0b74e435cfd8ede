import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { node } from '../../../domain/topology/fixtures.test-util'
import { GroupPanel } from './group-panel'

const panel = (errorsUnknown: boolean) => {
  const members = [node('ads-edge', { rps: 200, errorsUnknown: errorsUnknown || undefined, health: errorsUnknown ? 'unknown' : 'ok' }), node('ads-router', { rps: 65, errorRate: errorsUnknown ? 0 : 0.02, errorsUnknown: errorsUnknown || undefined })]
  const group = node('group:entry', { label: 'entry (2)', rps: 265, errorRate: errorsUnknown ? 0 : 0.0049, errorsUnknown: errorsUnknown || undefined, health: errorsUnknown ? 'unknown' : 'ok' })
  return render(
    <GroupPanel group={group} health={group.health} members={members} memberHealth={new Map()} changes={[]} alerts={[]} nowMs={0} onFocus={() => {}} onSelectMember={() => {}} found={new Set()} />,
  )
}

describe('GroupPanel', () => {
  it('gives a group its error share weighted by its members’ rates', () => {
    panel(false)
    expect(screen.getByTestId('group-health').textContent).toContain('0.49 %')
    expect(screen.getByText('Errors (weighted by rate)').nextElementSibling?.textContent).toBe('0.49 %')
  })

  it('says its members’ errors are not reported where the source reports none, instead of 0 %', () => {
    panel(true)
    expect(screen.getByTestId('group-health').textContent).toMatch(/errors are not reported/)
    expect(screen.getByTestId('group-health').textContent).not.toContain('%')
    expect(screen.getByText('Errors (weighted by rate)').nextElementSibling?.textContent).toBe('not reported')
  })
})
