import type * as vscode from 'vscode';
import { toDisposable } from './disposable';

/** Small combinators over `vscode.Event`, in the style of the built-in git extension. */

export function filterEvent<T>(event: vscode.Event<T>, filter: (e: T) => boolean): vscode.Event<T> {
  return (listener, thisArgs?, disposables?) =>
    event((e) => {
      if (filter(e)) {
        listener.call(thisArgs, e);
      }
    }, null, disposables);
}

/** Fires once, `delayMs` after the last of a burst of events, with the last event. */
export function debounceEvent<T>(event: vscode.Event<T>, delayMs: number | (() => number)): vscode.Event<T> {
  return (listener, thisArgs?, disposables?) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const subscription = event((e) => {
      clearTimeout(timer);
      const delay = typeof delayMs === 'number' ? delayMs : delayMs();
      timer = setTimeout(() => {
        listener.call(thisArgs, e);
      }, delay);
    });
    const result = toDisposable(() => {
      clearTimeout(timer);
      subscription.dispose();
    });
    disposables?.push(result);
    return result;
  };
}
