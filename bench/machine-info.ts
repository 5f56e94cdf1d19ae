import { cpus, loadavg, release, totalmem, type } from 'node:os';

/** The machine a run was measured on, recorded with every result. */
export interface MachineInfo {
  readonly cores: number;
  readonly cpuModel: string;
  readonly memoryGiB: number;
  readonly os: string;
  readonly node: string;
  readonly natsServer: string;
  /** 1-, 5- and 15-minute load averages when the run started: other work on the machine skews results. */
  readonly loadAverageAtStart: readonly number[];
}

/** Describes this machine; `natsServerVersion` comes from the server's INFO. */
export function machineInfo(natsServerVersion: string): MachineInfo {
  const list = cpus();
  return {
    cores: list.length,
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${type()} ${release()}`,
    node: process.version,
    natsServer: natsServerVersion,
    loadAverageAtStart: loadavg().map((l) => Math.round(l * 100) / 100),
  };
}
