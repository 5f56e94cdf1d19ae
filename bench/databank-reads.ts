import type { BenchContext } from './bench-context.js';
import type { LatencySummary } from './histogram.js';

/** Dossier reads and subject listings timed on one engine. */
export interface BankReadTimings {
  readonly records: number;
  readonly subjects: number;
  readonly seedSeconds: number;
  readonly dossier: LatencySummary;
  readonly listing: LatencySummary;
}

/** Dossier and listing timings per engine, or why they could not be taken. */
export type BankReadsResult =
  | {
      readonly available: true;
      readonly method: string;
      /** Set when the bank is smaller than the target's 1,000,000 records (quick runs). */
      readonly note: string | undefined;
      readonly sqlite: BankReadTimings;
      readonly postgres: BankReadTimings | { readonly reason: string };
    }
  | { readonly available: false; readonly reason: string };

/** Times dossier reads and subject listings on a seeded bank (once the bank has subjects). */
export function runBankReads(_ctx: BenchContext): Promise<BankReadsResult> {
  return Promise.resolve({
    available: false,
    reason: 'this build has no subject query module (gateway/src/databank/subjects.ts)',
  });
}
