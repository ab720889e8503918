export {
  DEFAULT_RATE_LIMITS,
  RateLimiter,
  type Limiter,
  type RateLimitSettings,
  type ThrottleStatus,
} from './bucket.js';
export { SharedRateLimiter } from './shared-bucket.js';
export { priceAndTake, rateLimitedError, rateLimitPlugin } from './plugin.js';
export { queryCost, MUTATION_COST } from './query-cost.js';
