// Types for session.js, used by the TypeScript UI tests.
import type { Browser, Page } from 'playwright-core';

export interface SessionOptions {
  readonly folder: string;
  readonly extensionDevelopmentPath?: string;
  readonly extensionTestsPath?: string;
  readonly onHostLog?: (type: string, text: string) => void;
  readonly onServerOutput?: (line: string) => void;
  readonly startTimeoutMs?: number;
  readonly viewport?: { readonly width: number; readonly height: number };
  /** The display language (code-server's `--locale`, with the language pack it needs), e.g. `de`. */
  readonly locale?: string;
}

export interface Session {
  readonly page: Page;
  readonly browser: Browser;
  readonly url: string;
  /** Settles with run()'s exit code when an extensionTestsPath was given. */
  readonly exitCode: Promise<number>;
  readonly startupMs: number;
  readonly versions: { readonly codeServer?: string; readonly vscode?: string };
  stop(): Promise<void>;
}

export function startSession(options: SessionOptions): Promise<Session>;
export function workbenchUrl(options: { port: number; folder: string; extensionDevelopmentPath?: string; extensionTestsPath?: string }): string;
