/**
 * @atc/shared/testing: deterministic fixtures and the interop vector builder, for tests,
 * scripts and benchmarks. Never used by the services themselves.
 */
export {
  fixtureKey,
  fixtureHeader,
  fixtureMessageId,
  fixtureNonce,
  fixturePayloads,
  fixtureRequest,
  fixtureRoute,
  FIXTURE_TIME,
} from './fixtures.js';
export { nonCanonicalHeaderSpellings, signWithProtectedHeader, type HeaderSpelling } from './header-spellings.js';
export { buildVectors, renderVectors, type EnvelopeVector } from './vectors.js';
