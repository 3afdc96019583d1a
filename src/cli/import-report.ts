/** What the import command tells: a progress bar on a terminal, one line per file otherwise, and the summary. */
import path from 'node:path';
import type { ImportCandidate } from '../store/services/import.js';

export type Outcome = 'imported' | 'updated' | 'unchanged' | 'refused' | 'unsupported' | 'skipped';
const OUTCOMES: Outcome[] = ['imported', 'updated', 'unchanged', 'refused', 'unsupported', 'skipped'];

export interface FileOutcome {
  file: string;
  outcome: Outcome;
  /** Why it was refused or skipped: a stable code and words. */
  code?: string;
  reason?: string;
  warnings: string[];
  reportId?: number;
  agency?: string;
  regionCode?: string | null;
  year?: number;
  /** Cells an update changed. */
  changedCells?: number;
  candidates?: ImportCandidate[];
}

const DRY: Record<Outcome, string> = {
  imported: 'would import',
  updated: 'would update',
  unchanged: 'unchanged',
  refused: 'would refuse',
  unsupported: 'unsupported',
  skipped: 'skipped',
};

function describe(o: FileOutcome, dryRun: boolean): string {
  const verb = dryRun ? DRY[o.outcome] : o.outcome;
  if (o.reason) return `${verb} ${o.file}: ${o.code ? `${o.code}: ` : ''}${o.reason}`;
  const cells = o.outcome === 'updated' ? ` (${o.changedCells} cell${o.changedCells === 1 ? '' : 's'} changed)` : '';
  return `${verb} ${o.file}: ${o.agency} (region ${o.regionCode ?? 'unknown'}) ${o.year}${cells}`;
}

export class Progress {
  private index = 0;
  constructor(
    private readonly total: number,
    private readonly bar: boolean,
  ) {}

  step(file: string): void {
    if (!this.bar) return;
    const width = 30;
    const filled = Math.round((this.index / Math.max(this.total, 1)) * width);
    process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${this.index}/${this.total} ${path.basename(file).slice(0, 40).padEnd(40)}`);
    this.index++;
  }

  /** One line per file when there is no bar (a log, a pipe), warnings included. */
  done(outcome: FileOutcome, dryRun: boolean): void {
    if (this.bar) return;
    process.stderr.write(`${describe(outcome, dryRun)}\n${outcome.warnings.map((w) => `  warning: ${w}\n`).join('')}`);
  }

  finish(): void {
    if (this.bar) process.stderr.write(`\r${' '.repeat(80)}\r`);
  }
}

export function printSummary(outcomes: FileOutcome[], dryRun: boolean): void {
  const count = (o: Outcome) => outcomes.filter((x) => x.outcome === o).length;
  const out: string[] = [];
  if (dryRun) out.push('dry run: nothing was written');
  out.push(`${OUTCOMES.map((o) => `${dryRun ? DRY[o] : o} ${count(o)}`).join(', ')} (of ${outcomes.length} files)`);
  for (const o of outcomes.filter((x) => x.outcome === 'refused' || x.outcome === 'unsupported')) {
    out.push(`  ${dryRun ? DRY[o.outcome] : o.outcome} ${o.file}`, `    ${o.code}: ${o.reason}`);
    for (const c of o.candidates ?? []) out.push(`      candidate agency ${c.id}: ${c.name} (region ${c.regionCode ?? 'unknown'})`);
  }
  for (const o of outcomes.filter((x) => x.warnings.length)) out.push(`  warnings ${o.file}`, ...o.warnings.map((w) => `    ${w}`));
  process.stdout.write(`${out.join('\n')}\n`);
}

