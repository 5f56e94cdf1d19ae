import { buildCheckpointVectors, buildProofVectors, vectorLog } from './log-vectors.js';
import { buildReceiptVectors, vectorSubmission } from './receipt-vectors.js';
import { buildTrustListVectors } from './trust-list-vectors.js';
import { buildVectors } from './vectors.js';

/** One committed vector file: its path under proto/vectors/ and its text. */
export interface VectorFile {
  readonly name: string;
  readonly text: string;
}

const render = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/**
 * Every interop vector file (DESIGN.md section 8), as committed under proto/vectors/:
 * envelopes, trust lists, receipts, checkpoints, and inclusion and consistency proofs.
 * Built from fixed keys and inputs, so the texts are the same on every run.
 */
export function buildVectorFiles(): VectorFile[] {
  const log = vectorLog(vectorSubmission());
  return [
    { name: 'envelopes.json', text: render(buildVectors()) },
    { name: 'trust-lists.json', text: render(buildTrustListVectors()) },
    { name: 'receipts.json', text: render(buildReceiptVectors()) },
    { name: 'checkpoints.json', text: render(buildCheckpointVectors(log)) },
    { name: 'proofs.json', text: render(buildProofVectors(log)) },
  ];
}
