/** Process figures from /proc (Linux): what the benchmarks report beside their rates. */
import { readdirSync, readFileSync } from 'node:fs';

/** Resident memory of a process. */
export function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : NaN;
}

/** User + system CPU seconds of a process so far (100 ticks a second); 0 once it is gone. */
export function cpuSeconds(pid: number | string): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** CPU seconds of every PostgreSQL process of the machine (server and backends, whatever database they serve). */
export function postgresCpuSeconds(): number {
  let total = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8') === 'postgres\n') total += cpuSeconds(pid);
    } catch {
      // gone meanwhile
    }
  }
  return total;
}
