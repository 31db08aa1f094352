import * as vscode from 'vscode';
import { t } from '../base/l10n';
import { escapeLabel } from '../../report/escape';

/**
 * The quick picks and input boxes of the write actions, built on `createQuickPick` and
 * `createInputBox` so that the one shown now can be seen (and answered) by the integration tests
 * through the extension's test API, the way a user answers it: set the value or the selection,
 * then run VS Code's "accept" command.
 */

export interface PickItem<T> extends vscode.QuickPickItem {
  readonly value: T;
}

/** What the integration tests see of the prompt shown now. */
export interface ShownPrompt {
  readonly kind: 'pick' | 'pickMany' | 'input';
  readonly title: string;
  readonly labels: readonly string[];
  /** Answers it as a user would: picks the items with these labels (or types the text), then accepts. */
  answer(answer: string | readonly string[]): Promise<void>;
}

export class WritePrompts {
  private shown: ShownPrompt | undefined;
  private readonly listeners: ((prompt: ShownPrompt) => void)[] = [];

  get current(): ShownPrompt | undefined {
    return this.shown;
  }

  /** Resolves with the next prompt shown (or the one shown now). */
  next(): Promise<ShownPrompt> {
    return new Promise((resolve) => this.listeners.push(resolve));
  }

  private show(prompt: ShownPrompt): void {
    this.shown = prompt;
    for (const listener of this.listeners.splice(0)) listener(prompt);
  }

  pick<T>(title: string, items: readonly PickItem<T>[], placeholder?: string): Promise<T | undefined> {
    return this.quickPick(title, items, false, placeholder).then((picked) => picked?.[0]);
  }

  pickMany<T>(title: string, items: readonly PickItem<T>[], placeholder?: string): Promise<T[] | undefined> {
    return this.quickPick(title, items, true, placeholder);
  }

  private quickPick<T>(title: string, items: readonly PickItem<T>[], many: boolean, placeholder?: string): Promise<T[] | undefined> {
    const quickPick = vscode.window.createQuickPick<PickItem<T>>();
    // Labels and descriptions show manifest text: no control characters, no `$(icon)` syntax.
    const shownItems = items.map((item) => ({
      ...item,
      label: escapeLabel(item.label),
      ...(item.description !== undefined ? { description: escapeLabel(item.description) } : {}),
      ...(item.detail !== undefined ? { detail: escapeLabel(item.detail) } : {}),
    }));
    quickPick.title = title;
    quickPick.items = shownItems;
    quickPick.canSelectMany = many;
    quickPick.ignoreFocusOut = true;
    if (placeholder !== undefined) quickPick.placeholder = placeholder;
    quickPick.selectedItems = many ? shownItems.filter((item) => item.picked === true) : [];
    return new Promise((resolve) => {
      let done = false;
      const finish = (value: T[] | undefined): void => {
        if (done) return;
        done = true;
        this.shown = undefined;
        resolve(value);
        quickPick.dispose();
      };
      quickPick.onDidAccept(() => {
        const chosen = many ? quickPick.selectedItems : quickPick.activeItems.slice(0, 1);
        if (!many && chosen.length === 0) return;
        finish(chosen.map((item) => item.value));
      });
      quickPick.onDidHide(() => finish(undefined));
      quickPick.show();
      this.show({
        kind: many ? 'pickMany' : 'pick',
        title,
        labels: items.map((item) => item.label),
        answer: async (answer) => {
          const wanted = typeof answer === 'string' ? [answer] : answer;
          const chosen = shownItems.filter((_item, index) => wanted.includes(items[index].label));
          if (chosen.length !== wanted.length) throw new Error(`no item labelled ${wanted.join(', ')} in "${title}": ${items.map((i) => i.label).join(', ')}`);
          if (many) quickPick.selectedItems = chosen;
          else quickPick.activeItems = chosen;
          await settle();
          await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        },
      });
    });
  }

  /** Free text; `validate` returns a message while the text is not acceptable. Empty text is allowed when `optional`. */
  input(title: string, options: { prompt?: string; value?: string; placeholder?: string; optional?: boolean; validate?: (text: string) => string | undefined } = {}): Promise<string | undefined> {
    const box = vscode.window.createInputBox();
    box.title = title;
    box.ignoreFocusOut = true;
    if (options.prompt !== undefined) box.prompt = options.prompt;
    if (options.value !== undefined) box.value = options.value;
    if (options.placeholder !== undefined) box.placeholder = options.placeholder;
    const problem = (text: string): string | undefined =>
      text.trim() === '' ? (options.optional === true ? undefined : t('Required')) : options.validate?.(text.trim());
    return new Promise((resolve) => {
      let done = false;
      const finish = (value: string | undefined): void => {
        if (done) return;
        done = true;
        this.shown = undefined;
        resolve(value);
        box.dispose();
      };
      box.onDidChangeValue((text) => {
        box.validationMessage = text === '' ? undefined : problem(text);
      });
      box.onDidAccept(() => {
        const message = problem(box.value);
        if (message !== undefined) {
          box.validationMessage = message;
          return;
        }
        finish(box.value.trim());
      });
      box.onDidHide(() => finish(undefined));
      box.show();
      this.show({
        kind: 'input',
        title,
        labels: [],
        answer: async (answer) => {
          box.value = typeof answer === 'string' ? answer : answer.join(',');
          await settle();
          await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        },
      });
    });
  }
}

/**
 * The extension host sends a quick pick's new selection to the window on a timer; accepting before
 * it arrives would accept the old one. Waiting a moment is what a user's typing takes anyway.
 */
function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 150));
}
