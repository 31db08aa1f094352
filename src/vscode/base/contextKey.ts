import * as vscode from 'vscode';

/** A typed context key: remembers its value and only calls `setContext` when it changes. */
export class ContextKey<T extends boolean | string | number> {
  private value: T | undefined;

  constructor(readonly name: string) {}

  get(): T | undefined {
    return this.value;
  }

  set(value: T): void {
    if (this.value === value) {
      return;
    }
    this.value = value;
    void vscode.commands.executeCommand('setContext', this.name, value);
  }
}
