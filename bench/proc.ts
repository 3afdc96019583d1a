/** Process figures from /proc (Linux): what the benchmarks report beside their rates. */
import { readdirSync, readFileSync } from 'node:fs';

/** Resident memory of a process. */
export function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : NaN;
}

/** User + system CPU seconds of a process so far (100 ticks a second); 0 once it is gone. */
export function cpuSeconds(pid: number | string): number {
  const fields = statFields(pid);
  return fields ? (Number(fields[11]) + Number(fields[12])) / 100 : 0;
}

/** Fields of /proc/PID/stat after the command name: state is [0], ppid [1], utime [11] … cstime [14]. */
function statFields(pid: number | string): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  } catch {
    return undefined;
  }
}

/**
 * CPU seconds of one PostgreSQL server so far: its postmaster, every live process it started, and
 * those that have exited (their CPU is added to the postmaster's children's time when it reaps
 * them), so a connection a pool closes mid-measurement does not take its CPU out of the sum.
 * Other servers of the machine (other tests' embedded PostgreSQL) are not counted.
 */
export function postgresCpuSeconds(postmasterPid: number): number {
  const postmaster = statFields(postmasterPid);
  if (!postmaster) return 0;
  let ticks = Number(postmaster[11]) + Number(postmaster[12]) + Number(postmaster[13]) + Number(postmaster[14]);
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const fields = statFields(pid);
    if (fields && Number(fields[1]) === postmasterPid) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / 100;
}

/** The postmaster of the server a connection is on (the parent of its backend), when on this machine. */
export function postmasterOf(backendPid: number): number | undefined {
  const fields = statFields(backendPid);
  try {
    return fields && readFileSync(`/proc/${backendPid}/comm`, 'utf8') === 'postgres\n' ? Number(fields[1]) : undefined;
  } catch {
    return undefined;
  }
}
