import { checkAuthHeader, checkBaseUrl } from './config-check'
import { readStoredOverrides, OVERRIDES_KEY } from './config'

describe('base URL check', () => {
  it.each(['', '/jaeger', '/prometheus/', 'http://localhost:16686', 'https://jaeger.example.com/base'])('accepts %j', (v) => {
    expect(checkBaseUrl(v)).toBeNull()
  })
  it.each([
    ['javascript:alert(document.domain)', /"javascript:" addresses are not allowed/],
    ['data:text/html,x', /"data:" addresses/],
    ['//evil.example', /starts with "\/\/"/],
    ['/\\evil.example', /backslash/],
    ['jaeger', /starting with "\/"/],
    ['http://', /not a valid URL|no host/],
    ['/jaeger?x=1', /query/],
    ['http://a b', /spaces/],
  ])('refuses %j with a reason', (v, reason) => {
    expect(checkBaseUrl(v)).toMatch(reason)
  })
})

describe('Authorization value check', () => {
  it('accepts an ordinary bearer token and refuses what no header can carry', () => {
    expect(checkAuthHeader('Bearer abc.def')).toBeNull()
    expect(checkAuthHeader('Bearer a\r\nX: 1')).toMatch(/line break/)
    expect(checkAuthHeader('Bearer \u0001')).toMatch(/control character/)
    expect(checkAuthHeader('Bearer 🙂')).toMatch(/ISO-8859-1/)
    expect(checkAuthHeader('x'.repeat(8193))).toMatch(/8,193 characters long/)
  })
})

describe('stored overrides read with a reason', () => {
  afterEach(() => localStorage.clear())
  it('uses nothing and says why when a kind is unknown, the JSON is broken or a URL is refused', () => {
    localStorage.setItem(OVERRIDES_KEY, '{"traces":{"kind":"zipkin"}}')
    expect(readStoredOverrides(localStorage)).toEqual({ overrides: {}, stored: true, problem: expect.stringMatching(/traces\.kind: "zipkin" is not a trace backend/) })
    localStorage.setItem(OVERRIDES_KEY, '{"traces":')
    expect(readStoredOverrides(localStorage).problem).toMatch(/not JSON/)
    localStorage.setItem(OVERRIDES_KEY, '{"metrics":{"kind":"prometheus","baseUrl":"javascript:alert(1)"}}')
    expect(readStoredOverrides(localStorage).problem).toMatch(/metrics\.baseUrl: "javascript:" addresses are not allowed/)
  })
  it('applies a good override', () => {
    localStorage.setItem(OVERRIDES_KEY, '{"traces":{"kind":"jaeger","baseUrl":"/jaeger"}}')
    expect(readStoredOverrides(localStorage)).toEqual({ overrides: { traces: { kind: 'jaeger', baseUrl: '/jaeger' } }, problem: null, stored: true })
  })
})
