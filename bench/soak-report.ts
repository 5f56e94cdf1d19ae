import type { SoakResult } from './soak-run.js';
import { cpuMsPerRecord } from './soak-stats.js';

/** The soak's readable summary for stdout (the closing line comes after it). */
export function renderSoakReport(r: SoakResult): string {
  const n = (x: number): string => x.toLocaleString('en-US');
  const lines = [
    `Soak: ${r.minutes} min at ${r.rate} records/s offered (${r.acceptedPerSecond.toFixed(1)}/s taken), a restart every ${r.restartMinutes} min`,
    '',
    `records   submitted ${n(r.submitted)}, archived ${n(r.archived)}, delivered ${n(r.delivered)}, lost ${n(r.lost)}, duplicated ${n(r.duplicated)}`,
    `          ${n(r.load.offered)} offered, ${n(r.load.heldBack)} held back while ${n(r.load.maxAwaiting)} awaited their 202 (the agent behind the rate)`,
    `          ${n(r.load.retried)} attempts tried again (agent down or not ready), ${n(r.load.refused)} refused, ${n(r.load.awaiting)} given up without a 202; ${n(r.archivedUnanswered)} archived without their 202`,
    `          webhook calls repeated with the same delivery id: ${n(r.redelivered)}; DeliveryAcks archived ${n(r.deliveryAcks.archived)} (${n(r.deliveryAcks.duplicated)} twice); drained in ${r.drainSeconds.toFixed(1)} s`,
    '',
    'restarts',
    ...r.restarts.map((x) => `  ${clock(x.atSeconds)}  ${x.what.padEnd(44)} back in ${x.seconds.toFixed(1)} s`),
    '',
    `process          RSS MB/h   fds/h  RSS last/max MB  fds last/max   CPU s  ms/record  (slopes: least squares per run of each process, from ${r.warmupSeconds} s after its start; CPU: every run, as last read)`,
    ...Object.entries(r.trends).map(
      ([name, t]) =>
        `  ${name.padEnd(14)} ${signed(t.rssMbPerHour).padStart(8)} ${signed(t.fdsPerHour).padStart(7)}  ${`${t.lastRssMb.toFixed(0)}/${t.maxRssMb.toFixed(0)}`.padStart(15)}  ${`${t.lastFds}/${t.maxFds}`.padStart(12)}  ${t.cpuSeconds.toFixed(0).padStart(6)}  ${cpuMsPerRecord(t, r.submitted).toFixed(2).padStart(9)}`,
    ),
  ];
  return lines.join('\n');
}

const signed = (x: number): string => `${x >= 0 ? '+' : ''}${x.toFixed(1)}`;

function clock(seconds: number): string {
  const s = Math.round(seconds);
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}
