/**
 * The shape of the synthetic world: services in layers and the calls between their operations.
 * Plain data; world.ts compiles it. Latencies are own time (without callees) in ms, error
 * shares are own failures per call, `rps` is the peak entry rate of an entry operation.
 */
export type Layer = 'gateway' | 'bff' | 'domain' | 'consumer' | 'batch' | 'storage' | 'mq'
export type Protocol = 'http' | 'grpc' | 'thrift' | 'mysql' | 'redis' | 'mq'

/**
 * How a caller makes a call:
 * - `parallel`: consecutive calls marked parallel form one concurrent fan-out; all their calls
 *   (every repetition too) start together and the caller goes on when the last one has answered;
 * - `retry`: the client retries a failed call once; the retry's client span carries the
 *   OpenTelemetry attribute `http.request.resend_count` = 1 and the caller sees the retry's outcome.
 */
export interface CallOptions {
  parallel?: boolean
  retry?: boolean
}

/** [target "service::operation", calls per invocation, probability a failure of it fails the caller, how] */
export type CallSpec = [string, number, number?, CallOptions?]

export interface OpSpec {
  ms: number
  sigma?: number
  err?: number
  rps?: number
  calls?: CallSpec[]
  /** status code this operation answers when a callee failure propagates through it */
  convert?: number
}

export interface ServiceSpec {
  name: string
  layer: Layer
  framework: string
  protocol: Protocol
  /** only deployed in these DCs (default: all) */
  dcs?: string[]
  ops: Record<string, OpSpec>
}

export const DCS = ['dc-east', 'dc-west', 'dc-north'] as const
/** Share of entry traffic landing in each DC. */
export const DC_SHARES = [0.45, 0.3, 0.25] as const

const PARALLEL: CallOptions = { parallel: true }
const RETRY: CallOptions = { retry: true }
const PARALLEL_RETRY: CallOptions = { parallel: true, retry: true }

const rpc = (name: string, framework: string, protocol: Protocol, ops: Record<string, OpSpec>, layer: Layer = 'domain'): ServiceSpec => ({
  name,
  layer,
  framework,
  protocol,
  ops,
})
const store = (name: string, protocol: Protocol, ops: string[], ms: number): ServiceSpec => ({
  name,
  layer: protocol === 'mq' ? 'mq' : 'storage',
  framework: protocol === 'mq' ? 'kafka' : protocol,
  protocol,
  ops: Object.fromEntries(ops.map((o) => [o, { ms, sigma: 0.55, err: 0.0005 }])),
})

export const BASE_SERVICES: ServiceSpec[] = [
  {
    name: 'api-gateway',
    layer: 'gateway',
    framework: 'envoy',
    protocol: 'http',
    ops: {
      'GET /api/products': { ms: 1.2, rps: 700, calls: [['web-bff::GetProductPage', 1, 1]] },
      'GET /api/search': { ms: 1.2, rps: 250, calls: [['search-bff::Search', 1, 1]] },
      'GET /api/cart': { ms: 1.1, rps: 180, calls: [['web-bff::GetCart', 1, 1]] },
      'POST /api/cart/items': { ms: 1.3, rps: 70, calls: [['web-bff::AddToCart', 1, 1]] },
      'POST /api/checkout': { ms: 1.5, rps: 60, calls: [['checkout-bff::PlaceOrder', 1, 1]], convert: 500 },
      'POST /api/login': { ms: 1.2, rps: 25, calls: [['web-bff::Login', 1, 1]] },
      'GET /api/orders': { ms: 1.1, rps: 40, calls: [['web-bff::ListOrders', 1, 1]] },
    },
  },
  {
    name: 'mobile-gateway',
    layer: 'gateway',
    framework: 'envoy',
    protocol: 'http',
    ops: {
      'GET /m/home': { ms: 1.4, rps: 120, calls: [['mobile-bff::Home', 1, 1]] },
      'POST /m/checkout': { ms: 1.6, rps: 15, calls: [['checkout-bff::PlaceOrder', 1, 1]], convert: 500 },
      'GET /m/orders': { ms: 1.3, rps: 30, calls: [['mobile-bff::Orders', 1, 1]] },
    },
  },
  {
    name: 'batch-scheduler',
    layer: 'batch',
    framework: 'quartz',
    protocol: 'http',
    dcs: ['dc-east'],
    ops: {
      'job stock-reconcile': { ms: 40, rps: 1 / 600, calls: [['report-service::ReconcileStock', 1, 1]] },
      'job nightly-report': { ms: 60, rps: 1 / 900, calls: [['report-service::BuildReport', 1, 1]] },
    },
  },
  rpc('web-bff', 'hertz', 'http', {
    // the session first, then the page's parts at once
    GetProductPage: {
      ms: 3,
      calls: [
        ['session-service::GetSession', 1, 0.2, RETRY],
        ['product-service::GetProduct', 1, 0.9, PARALLEL_RETRY],
        ['pricing-service::GetPrice', 1, 0.9, PARALLEL],
        ['review-service::ListReviews', 0.6, 0.1, PARALLEL],
        ['recommendation-service::Recommend', 0.8, 0.05, PARALLEL],
      ],
    },
    // one GetPrice per cart item, one after the other
    GetCart: { ms: 2, calls: [['session-service::GetSession', 1, 0.5, RETRY], ['cart-service::GetCart', 1], ['pricing-service::GetPrice', 2.5, 0.5]] },
    AddToCart: { ms: 2, calls: [['session-service::GetSession', 1, 0.5], ['stock-service::CheckStock', 1, 0.8], ['cart-service::AddItem', 1]] },
    Login: { ms: 2, calls: [['auth-service::Login', 1]] },
    ListOrders: { ms: 2, calls: [['session-service::GetSession', 1, 0.5], ['order-service::ListOrders', 1]] },
  }, 'bff'),
  rpc('search-bff', 'hertz', 'http', {
    // one GetPrice per result, all at once
    Search: { ms: 3, calls: [['search-service::Query', 1, 0.9, RETRY], ['pricing-service::GetPrice', 3, 0.3, PARALLEL]] },
  }, 'bff'),
  rpc('mobile-bff', 'hertz', 'http', {
    Home: { ms: 3, calls: [['session-service::GetSession', 1, 0.3, RETRY], ['recommendation-service::Recommend', 1, 0.3, PARALLEL], ['product-service::GetProduct', 2.2, 0.5, PARALLEL_RETRY]] },
    Orders: { ms: 2, calls: [['session-service::GetSession', 1, 0.5], ['order-service::ListOrders', 1]] },
  }, 'bff'),
  rpc('checkout-bff', 'hertz', 'http', {
    PlaceOrder: {
      ms: 4,
      convert: 502,
      calls: [['session-service::GetSession', 1, 1], ['cart-service::GetCart', 1, 1], ['pricing-service::GetPrice', 1, 1], ['promotion-service::ApplyCoupon', 0.3, 0.2], ['order-service::CreateOrder', 1, 1]],
    },
  }, 'bff'),
  rpc('order-service', 'kitex', 'thrift', {
    CreateOrder: {
      ms: 5,
      calls: [['user-service::GetUser', 1, 0.5], ['address-service::GetAddress', 1, 0.5], ['stock-service::ReserveStock', 1, 1], ['payment-service::Charge', 1, 0.9], ['mysql-orders::INSERT orders', 1, 1], ['mq-order-events::order.created', 1, 0.2]],
    },
    ListOrders: { ms: 2, calls: [['mysql-orders::SELECT orders', 1, 1]] },
  }),
  rpc('stock-service', 'kitex', 'thrift', {
    ReserveStock: { ms: 3, err: 0.001, calls: [['redis-stock::GET stock', 1, 0.5], ['mysql-stock::UPDATE stock', 1, 1]] },
    CheckStock: { ms: 1.5, calls: [['redis-stock::GET stock', 1, 0.5], ['mysql-stock::SELECT stock', 0.2, 0.5]] },
  }),
  rpc('payment-service', 'spring-boot', 'grpc', {
    Charge: { ms: 12, sigma: 0.7, err: 0.003, calls: [['fraud-service::Score', 1, 0.3], ['mysql-payments::INSERT payments', 1, 1], ['ledger-service::Record', 1, 0.8]] },
  }),
  rpc('fraud-service', 'grpc-python', 'grpc', { Score: { ms: 9, sigma: 0.6, calls: [['user-service::GetUser', 0.5, 0.2]] } }),
  rpc('ledger-service', 'spring-boot', 'grpc', { Record: { ms: 2, calls: [['mysql-payments::INSERT ledger', 1, 1]] } }),
  rpc('user-service', 'kitex', 'thrift', { GetUser: { ms: 1, calls: [['redis-session::GET user', 1, 0.3], ['mysql-users::SELECT users', 0.1, 1]] } }),
  rpc('auth-service', 'kitex', 'thrift', {
    Login: { ms: 6, err: 0.004, calls: [['user-service::GetUser', 1, 1], ['mysql-users::SELECT credentials', 1, 1], ['redis-session::SET session', 1, 1]] },
  }),
  rpc('session-service', 'kitex', 'thrift', { GetSession: { ms: 0.6, calls: [['redis-session::GET session', 1, 1]] } }),
  rpc('cart-service', 'kitex', 'thrift', {
    GetCart: { ms: 1, calls: [['redis-cart::HGETALL cart', 1, 1]] },
    AddItem: { ms: 1.2, calls: [['redis-cart::HSET cart', 1, 1]] },
  }),
  rpc('pricing-service', 'grpc-go', 'grpc', { GetPrice: { ms: 0.8, calls: [['redis-product-cache::GET price', 1, 0.5], ['promotion-service::GetPromotions', 0.5, 0.1]] } }),
  rpc('promotion-service', 'grpc-go', 'grpc', {
    GetPromotions: { ms: 0.9, calls: [['redis-product-cache::GET promo', 1, 0.2], ['mysql-products::SELECT promotions', 0.3, 0.5]] },
    ApplyCoupon: { ms: 2, err: 0.01, calls: [['coupon-service::Redeem', 1, 1]] },
  }),
  rpc('coupon-service', 'kitex', 'thrift', { Redeem: { ms: 2, calls: [['mysql-orders::UPDATE coupons', 1, 1]] } }),
  rpc('product-service', 'kitex', 'thrift', {
    GetProduct: { ms: 1, calls: [['redis-product-cache::GET product', 1, 0.2], ['mysql-products::SELECT products', 0.15, 1], ['catalog-service::GetCategory', 0.5, 0.1]] },
  }),
  rpc('catalog-service', 'spring-boot', 'grpc', { GetCategory: { ms: 1, calls: [['mysql-products::SELECT categories', 1, 1]] } }),
  rpc('review-service', 'spring-boot', 'grpc', { ListReviews: { ms: 2, calls: [['mysql-products::SELECT reviews', 1, 1]] } }),
  rpc('recommendation-service', 'grpc-python', 'grpc', { Recommend: { ms: 14, sigma: 0.8, calls: [['redis-product-cache::MGET products', 1, 0.5]] } }),
  rpc('search-service', 'grpc-go', 'grpc', { Query: { ms: 18, sigma: 0.75, calls: [['redis-product-cache::GET query', 1, 0.1], ['product-service::GetProduct', 0.3, 0.2]] } }),
  rpc('address-service', 'kitex', 'thrift', { GetAddress: { ms: 1, calls: [['mysql-users::SELECT addresses', 1, 1]] } }),
  {
    name: 'report-service',
    layer: 'batch',
    framework: 'spring-boot',
    protocol: 'grpc',
    dcs: ['dc-east'],
    ops: {
      ReconcileStock: { ms: 30, calls: [['stock-service::CheckStock', 400, 0.001], ['mysql-stock::SELECT stock', 200, 0.001]] },
      BuildReport: { ms: 50, calls: [['mysql-orders::SELECT orders', 300, 0.001], ['user-service::GetUser', 150, 0.001]] },
    },
  },
  rpc('shipping-service', 'spring-boot', 'mq', { 'consume order.created': { ms: 4, err: 0.004, calls: [['mysql-orders::INSERT shipments', 1, 1], ['mq-notifications::notify.shipping', 1, 0.1]] } }, 'consumer'),
  rpc('invoice-service', 'spring-boot', 'mq', { 'consume order.created': { ms: 3, err: 0.006, calls: [['mysql-payments::INSERT invoices', 1, 1]] } }, 'consumer'),
  rpc('analytics-consumer', 'flink', 'mq', { 'consume order.created': { ms: 1.5 } }, 'consumer'),
  rpc('notification-service', 'grpc-go', 'mq', { 'consume notify.shipping': { ms: 6, err: 0.003, calls: [['user-service::GetUser', 1, 0.5]] } }, 'consumer'),
  store('mysql-orders', 'mysql', ['INSERT orders', 'SELECT orders', 'UPDATE coupons', 'INSERT shipments'], 1.8),
  store('mysql-stock', 'mysql', ['UPDATE stock', 'SELECT stock'], 1.2),
  store('mysql-payments', 'mysql', ['INSERT payments', 'INSERT ledger', 'INSERT invoices'], 2),
  store('mysql-users', 'mysql', ['SELECT users', 'SELECT credentials', 'SELECT addresses'], 1),
  store('mysql-products', 'mysql', ['SELECT products', 'SELECT promotions', 'SELECT categories', 'SELECT reviews'], 1.5),
  store('redis-session', 'redis', ['GET session', 'GET user', 'SET session'], 0.25),
  store('redis-cart', 'redis', ['HGETALL cart', 'HSET cart'], 0.3),
  store('redis-stock', 'redis', ['GET stock'], 0.2),
  store('redis-product-cache', 'redis', ['GET price', 'GET promo', 'GET product', 'GET query', 'MGET products'], 0.3),
  {
    name: 'mq-order-events',
    layer: 'mq',
    framework: 'kafka',
    protocol: 'mq',
    ops: {
      'order.created': {
        ms: 0.8,
        err: 0.0002,
        calls: [['shipping-service::consume order.created', 1, 0], ['invoice-service::consume order.created', 1, 0], ['analytics-consumer::consume order.created', 1, 0]],
      },
    },
  },
  { name: 'mq-notifications', layer: 'mq', framework: 'kafka', protocol: 'mq', ops: { 'notify.shipping': { ms: 0.7, err: 0.0002, calls: [['notification-service::consume notify.shipping', 1, 0]] } } },
]
