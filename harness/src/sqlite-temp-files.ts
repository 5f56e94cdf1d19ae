import { readdirSync, readlinkSync } from 'node:fs';

/**
 * The temporary files SQLite holds open in this process (Linux): statement journals, sorts
 * and transient indexes that spilled out of memory. SQLite unlinks each as soon as it creates
 * it, so no directory listing shows them; the process's open files do.
 */
export function sqliteTempFiles(): string[] {
  return readdirSync('/proc/self/fd')
    .map((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`);
      } catch {
        // Closed since the listing.
        return '';
      }
    })
    .filter((target) => target.includes('etilqs_'));
}
