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
  gatewayKeyEventRequest,
  type GatewayKeyEventFixture,
} from './fixtures.js';
export { nonCanonicalHeaderSpellings, signWithProtectedHeader, type HeaderSpelling } from './header-spellings.js';
export { buildVectors, renderVectors, type EnvelopeVector } from './vectors.js';
export { buildVectorFiles, type VectorFile } from './vector-files.js';
export { fixtureTrustList, buildTrustListVectors, type TrustListVector } from './trust-list-vectors.js';
export { buildReceiptVectors, vectorSubmission, type ReceiptVector } from './receipt-vectors.js';
export {
  buildCheckpointVectors,
  buildProofVectors,
  MemoryLog,
  vectorLog,
  VECTOR_LOG_ORIGIN,
  type CheckpointVector,
  type ConsistencyVector,
  type InclusionVector,
  type ProofVectors,
} from './log-vectors.js';
export {
  applyMutations,
  byteMutation,
  changeOneByte,
  decodeOutcome,
  decodeOutcomeAsync,
  fuzzParameters,
  isKnownCode,
  jsonAround,
  singleByteChange,
  FUZZ_SEED,
  type ByteMutation,
  type DecodeOutcome,
} from './fuzz.js';
