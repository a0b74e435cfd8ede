import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { INCIDENT_A_TRACE_ID, FANOUT_TRACE_ID } from '../../../../mocks/synthetic/catalogue'
import { renderWithProviders } from '../../../test/render'
import { giveScrollBoxesASize } from '../../../test/scroll-box-sizes'
import { TraceCompareRoute } from './compare-route'

const open = (url: string) => renderWithProviders(<TraceCompareRoute />, { path: '/traces/compare', url })

giveScrollBoxesASize()

describe('/traces/compare', () => {
  it('aligns two traces by path, the largest contribution first, with filters in the URL', async () => {
    const { router } = open(`/traces/compare?a=${FANOUT_TRACE_ID}&b=${INCIDENT_A_TRACE_ID}`)
    const table = await screen.findByRole('table', { name: 'Paths of both traces' }, { timeout: 15_000 })
    const rows = within(table).getAllByTestId('cmp-row')
    expect(rows.length).toBeGreaterThan(1)
    expect(screen.getByText(/Rows are sorted by their contribution/)).toBeInTheDocument()
    await userEvent.click(screen.getByRole('checkbox', { name: 'Only errors' }))
    await waitFor(() => expect(router.state.location.search).toContain('errors=1'))
    for (const r of within(screen.getByRole('table', { name: 'Paths of both traces' })).getAllByTestId('cmp-row')) {
      expect(r.querySelector('.tp-err-mark')).not.toBeNull()
    }
  })

  it('renders only the rows in view of a long comparison, and the rest as the list scrolls', async () => {
    open(`/traces/compare?a=${FANOUT_TRACE_ID}&b=${INCIDENT_A_TRACE_ID}&order=tree`)
    const table = await screen.findByRole('table', { name: 'Paths of both traces' }, { timeout: 30_000 })
    const total = Number(table.getAttribute('aria-rowcount')) - 1
    const shown = within(table).getAllByTestId('cmp-row')
    expect(total).toBeGreaterThan(shown.length)
    expect(shown[0]).toHaveAttribute('aria-rowindex', '2')
    const scroll = screen.getByTestId('cmp-scroll')
    scroll.scrollTop = (total - 5) * 30
    scroll.dispatchEvent(new Event('scroll'))
    await waitFor(() => expect(within(table).getAllByTestId('cmp-row').some((r) => r.getAttribute('aria-rowindex') === String(total + 1))).toBe(true))
  }, 60_000)

  it('picks a typical trace of the same entry operation and says how', async () => {
    const { router } = open(`/traces/compare?a=${INCIDENT_A_TRACE_ID}&typical=1&tfrom=${Date.parse('2026-11-23T09:30:00Z')}&tto=${Date.parse('2026-11-23T10:00:00Z')}`)
    await waitFor(() => expect(new URLSearchParams(router.state.location.search).get('b')).toMatch(/^[0-9a-f]+$/), { timeout: 30_000 })
    const p = new URLSearchParams(router.state.location.search)
    expect(p.get('b')).not.toBe(INCIDENT_A_TRACE_ID)
    expect(Number(p.get('tn'))).toBeGreaterThan(0)
    const note = await screen.findByTestId('typical-note', undefined, { timeout: 30_000 })
    expect(note).toHaveTextContent(new RegExp(`of the ${p.get('tn')} successful traces? of api-gateway POST /api/checkout`))
    expect(await screen.findByTestId('cmp-failed', undefined, { timeout: 30_000 })).toHaveTextContent(/Failed in A more than in B/)
  }, 60_000)

  it('keeps a deep row short: its nearest four ancestors, how many levels above them, the whole path in the tooltip', async () => {
    open(`/traces/compare?a=${FANOUT_TRACE_ID}&b=${INCIDENT_A_TRACE_ID}`)
    const table = await screen.findByRole('table', { name: 'Paths of both traces' }, { timeout: 15_000 })
    const paths = [...table.querySelectorAll<HTMLElement>('.cmp-path')]
    const deep = paths.filter((el) => el.querySelector('.cmp-path-more'))
    expect(deep.length).toBeGreaterThan(0)
    for (const el of deep) {
      const whole = (el.getAttribute('title') ?? '').split(' › ')
      const hidden = Number(/^(\d+) levels? above/.exec(el.querySelector('.cmp-path-more')?.textContent ?? '')?.[1])
      expect(hidden).toBe(whole.length - 4)
      expect(el.textContent).toContain(whole.slice(-4).join(' › '))
      expect(el.textContent).not.toContain(whole[0])
    }
    for (const el of paths.filter((x) => !x.querySelector('.cmp-path-more'))) expect(el.textContent?.split(' › ').length).toBeLessThanOrEqual(4)
  })

  it('says what is missing when an id is not given', () => {
    open('/traces/compare?a=abc')
    expect(screen.getByRole('alert')).toHaveTextContent(/needs two trace ids/)
  })
})
