// Starts VS Code (code-server) with Change Radar loaded on a fresh fixture repository and returns
// the workbench page object; one session per UI test file (start it in before(), stop in after()).
import * as path from 'node:path';
import { provisionHost } from '../../scripts/provisionHost';
import { buildExtension } from '../../scripts/host/buildTests';
import { createFixtureWorkspace } from '../../scripts/host/gitRepo';
import { startSession } from '../../scripts/host/session';
import type { Session } from '../../scripts/host/session';
import { Workbench } from './workbench';

const repoRoot = path.resolve(__dirname, '..', '..');

export interface UiSession {
  readonly workbench: Workbench;
  /** The fixture repository opened as the workspace (a real git repo). */
  readonly workspace: string;
  readonly session: Session;
  /** Extension host errors seen so far (for assertions and failure messages). */
  readonly hostErrors: string[];
  stop(): Promise<void>;
}

let built = false;

/**
 * `locale`: the display language VS Code runs in (e.g. `de`: code-server's `--locale`; VS Code's own
 * UI stays English, the extension's contributions and the walkthrough pages are in that language).
 */
export async function startUiSession(options: { readonly workspace?: string; readonly locale?: string } = {}): Promise<UiSession> {
  await provisionHost();
  if (!built) {
    buildExtension();
    built = true;
  }
  const workspace = options.workspace ?? createFixtureWorkspace();
  const hostErrors: string[] = [];
  const session = await startSession({
    folder: workspace,
    extensionDevelopmentPath: repoRoot,
    locale: options.locale,
    onHostLog: (type, text) => {
      if (type === 'error') hostErrors.push(text);
      if (process.env.CHANGE_RADAR_VERBOSE === '1') console.log(`[host:${type}] ${text}`);
    },
  });
  console.log(`      (VS Code ${session.versions.vscode}, code-server ${session.versions.codeServer}, ready in ${(session.startupMs / 1000).toFixed(1)} s)`);
  const workbench = new Workbench(session.page);
  await workbench.waitUntilReady();
  return { workbench, workspace, session, hostErrors, stop: () => session.stop() };
}
