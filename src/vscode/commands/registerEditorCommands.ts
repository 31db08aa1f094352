import * as vscode from 'vscode';
import { editorCommands } from './editorCommands';
import type { CommandTargets } from './editorCommands';

/** Registers every command of the table (editorCommands.ts), and only those. */
export function registerEditorCommands(targets: CommandTargets): vscode.Disposable[] {
  return editorCommands.map((command) => vscode.commands.registerCommand(command.id, (...args: unknown[]) => command.run(targets, ...args)));
}
