/**
 * A bound on concurrent expensive operations (aggregates, search, nodes): fifty dashboards at once
 * must not take every database connection and CPU from the cheap queries behind them. Requests
 * that select an expensive root field wait for one of a few slots; past a queue bound they are
 * refused at once with 503 and Retry-After.
 */
import { Kind, type DocumentNode, type SelectionSetNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { EXPENSIVE_ROOT_FIELDS } from '../schema/costs.js';
import { limitError } from './limits.js';

export class Slots {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly max: number,
    readonly maxWaiting: number,
  ) {}

  /** Resolves with a release function once a slot is free; null when too many already wait. */
  acquire(): Promise<() => void> | null {
    if (this.running < this.max) {
      this.running++;
      return Promise.resolve(this.releaser());
    }
    if (this.waiting.length >= this.maxWaiting) return null;
    return new Promise((resolve) => this.waiting.push(() => resolve(this.releaser())));
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter; otherwise it is free again.
      if (next) next();
      else this.running--;
    };
  }
}

function selectsExpensive(document: DocumentNode, operationName: string | null | undefined): boolean {
  const fragments = new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d.selectionSet] as const] : [])));
  const seen = new Set<string>();
  const visit = (set: SelectionSetNode): boolean =>
    set.selections.some((s) => {
      if (s.kind === Kind.FIELD) return EXPENSIVE_ROOT_FIELDS.has(s.name.value);
      if (s.kind === Kind.INLINE_FRAGMENT) return visit(s.selectionSet);
      if (seen.has(s.name.value)) return false;
      seen.add(s.name.value);
      const fragment = fragments.get(s.name.value);
      return fragment ? visit(fragment) : false;
    });
  return document.definitions.some(
    (d) => d.kind === Kind.OPERATION_DEFINITION && d.operation === 'query' && (!operationName || d.name?.value === operationName) && visit(d.selectionSet),
  );
}

export function expensiveGate(maxConcurrent: number): Plugin {
  const slots = new Slots(maxConcurrent, maxConcurrent * 25);
  return {
    async onExecute({ args, setResultAndStopExecution }) {
      if (!selectsExpensive(args.document, args.operationName)) return;
      const acquired = slots.acquire();
      if (!acquired) {
        setResultAndStopExecution({
          errors: [limitError('The server is busy with expensive queries (statistics, rankings, search): retry in a moment.', 'SERVICE_BUSY', 503, { 'retry-after': '1' })],
        });
        return;
      }
      const release = await acquired;
      return { onExecuteDone: () => release() };
    },
  };
}
