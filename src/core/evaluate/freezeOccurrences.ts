import { freezeWindowAt, nextFreezeWindow } from '../time/freezeClock';
import type { Window } from '../time/freezeClock';
import type { Freeze } from '../model';

/**
 * Occurrence expansion for the freeze evaluator (freezeEvaluator.ts re-exports it): the windows of
 * a freeze in a range, under one budget. Part of the one evaluator, in a file of its own.
 */

/**
 * A bound on the work of listing occurrences: at most `maxTotal` windows over all freezes of one
 * answer (and at most `maxPerFreeze` of one freeze). Shared by the freezes of one timeline, so
 * the total is bounded however many freezes there are.
 */
export class OccurrenceBudget {
  private used = 0;
  /** Freeze ids whose occurrences were cut short. */
  readonly truncated: string[] = [];

  constructor(readonly maxTotal: number, readonly maxPerFreeze: number = maxTotal) {}

  get remaining(): number {
    return Math.max(0, this.maxTotal - this.used);
  }

  get exhausted(): boolean {
    return this.used >= this.maxTotal;
  }

  /** Takes one window; false when the budget is spent. */
  take(): boolean {
    if (this.used >= this.maxTotal) return false;
    this.used++;
    return true;
  }

  cut(id: string): void {
    if (!this.truncated.includes(id)) this.truncated.push(id);
  }
}

/**
 * The windows of a freeze that overlap `[from, to)`, in order (an invalid freeze: the whole range,
 * in force until fixed). Stops when the budget is spent, and then names the freeze in
 * `budget.truncated` if it had more.
 */
export function freezeOccurrences(freeze: Freeze, from: number, to: number, budget: OccurrenceBudget): Window[] {
  const windows: Window[] = [];
  if (to <= from) return windows;
  if (freeze.invalid) {
    if (budget.take()) windows.push({ start: from, end: to });
    else budget.cut(freeze.id);
    return windows;
  }
  const more = (at: number): Window | undefined => {
    const next = nextFreezeWindow(freeze, at, to - at - 1);
    return next && next.start < to ? next : undefined;
  };
  let current = freezeWindowAt(freeze, from);
  let cursor = from;
  if (!current) current = more(from);
  // nextFreezeWindow skips start firings inside the current window, as the evaluator does.
  while (current) {
    if (windows.length >= budget.maxPerFreeze || !budget.take()) {
      budget.cut(freeze.id);
      break;
    }
    windows.push(current);
    cursor = Math.max(current.start, from);
    current = more(cursor);
  }
  return windows;
}
