import type { CliIo } from './cli-io.js';

/** Left-aligned text columns under a header, two spaces apart; the last column is not padded. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

/** What a list command prints: its items as JSON, or a table of them, or a line saying there are none. */
export interface Listing<T> {
  readonly items: readonly T[];
  /** `--json` was given. */
  readonly json: boolean;
  /** The JSON form of the items (default: the items themselves). */
  readonly jsonOf?: (items: readonly T[]) => unknown;
  /** The line printed instead of an empty table, saying how to add the first item. */
  readonly empty: string;
  readonly header: readonly string[];
  readonly row: (item: T) => readonly string[];
}

/** Prints a list command's items on standard output. */
export function printListing<T>(io: Pick<CliIo, 'out'>, listing: Listing<T>): void {
  if (listing.json) {
    io.out(JSON.stringify(listing.jsonOf === undefined ? listing.items : listing.jsonOf(listing.items), null, 2));
    return;
  }
  if (listing.items.length === 0) {
    io.out(listing.empty);
    return;
  }
  for (const line of formatTable(listing.header, listing.items.map(listing.row))) io.out(line);
}
