import { execFileSync } from 'child_process';
import * as esbuild from 'esbuild';
import * as fs from 'fs';
import * as path from 'path';
import { ensureProductionBuild, root } from '../build';
import type { CaseResult, Context, Row } from '../context';
import { summarize } from '../measure';
import { manifestYaml } from './manifestLoad';

/**
 * Case 6: the size of the shipped dist/extension.js, and activate() in the real extension host
 * (code-server, started through the integration harness's scripts/host/session.js) with case 3's
 * large manifest. One host start gives one activation, so each run starts a fresh host.
 */

interface Session {
  readonly exitCode: Promise<number>;
  stop(): Promise<void>;
}
interface ProbeResult {
  readonly wasActive?: boolean;
  readonly activateMs?: number;
  readonly refreshMs?: number;
  readonly exposedActivationMs?: number;
  readonly error?: string;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startSession } = require('../../scripts/host/session') as {
  startSession: (options: { folder: string; extensionDevelopmentPath: string; extensionTestsPath: string; onHostLog?: (type: string, text: string) => void }) => Promise<Session>;
};

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { provisionHost } = require('../../scripts/provisionHost') as { provisionHost: () => Promise<unknown> };

const extensionId = 'change-radar.change-radar';

async function bundleProbe(dir: string): Promise<string> {
  const outfile = path.join(dir, 'probe.js');
  await esbuild.build({ entryPoints: [path.join(__dirname, '..', 'activationProbe.ts')], bundle: true, platform: 'node',
    format: 'cjs', target: 'node20', external: ['vscode'], outfile, logLevel: 'silent' });
  return outfile;
}

/** A small git repository without ops.yaml (so nothing activates Change Radar before the probe). */
function makeWorkspace(dir: string): string {
  const workspace = path.join(dir, 'workspace');
  fs.rmSync(workspace, { recursive: true, force: true });
  fs.mkdirSync(path.join(workspace, 'services'), { recursive: true });
  fs.writeFileSync(path.join(workspace, 'README.md'), '# activation benchmark\n');
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: workspace });
  return workspace;
}

async function activateOnce(dir: string, probe: string, manifest: string): Promise<ProbeResult> {
  const workspace = makeWorkspace(dir);
  const result = path.join(dir, 'probe-result.json');
  fs.rmSync(result, { force: true });
  fs.writeFileSync(path.join(dir, 'probe.json'), JSON.stringify({ extensionId, manifest, workspace, result }));
  const errors: string[] = [];
  const session = await startSession({ folder: workspace, extensionDevelopmentPath: root, extensionTestsPath: probe,
    onHostLog: (type, text) => { if (type === 'error') errors.push(text); } });
  try {
    await Promise.race([session.exitCode, new Promise((resolve) => setTimeout(resolve, 120_000))]);
  } finally {
    await session.stop();
  }
  if (!fs.existsSync(result)) return { error: `the probe wrote no result; host errors: ${errors.slice(0, 5).join(' | ')}` };
  return JSON.parse(fs.readFileSync(result, 'utf8')) as ProbeResult;
}

export async function activation(ctx: Context): Promise<CaseResult> {
  ensureProductionBuild();
  const bundleKiB = fs.statSync(path.join(root, 'dist', 'extension.js')).size / 1024;
  const dir = path.join(root, '.bench-tmp', 'activation');
  fs.mkdirSync(dir, { recursive: true });
  const manifest = path.join(dir, 'ops.yaml');
  fs.writeFileSync(manifest, manifestYaml(ctx.defaultInputs.systems, 1, ctx.options.seed));
  const probe = await bundleProbe(dir);
  // Installs code-server into .vscode-test/ on the first run (minutes), as `npm run test:integration` does.
  await provisionHost();

  const results: ProbeResult[] = [];
  const hosts = ctx.options.quick ? 1 : 3;
  for (let i = 0; i < hosts; i++) results.push(await activateOnce(dir, probe, manifest));
  const failed = results.find((r) => r.error !== undefined || r.wasActive);
  const notes = [`Production bundle: dist/extension.js ${bundleKiB.toFixed(0)} KiB (\`node esbuild.js --production\`).`];
  const rows: Row[] = [];
  const goals = [{ goal: 'production dist/extension.js < 400 KB', measured: `${bundleKiB.toFixed(0)} KiB`, met: bundleKiB * 1024 < 400_000 }];
  if (failed) {
    notes.push(failed.error ? `Activation not measured: ${failed.error}` : 'Activation not measured: the extension was already active when the probe ran.');
    goals.push({ goal: 'activate() < 50 ms in the real host', measured: 'not measured', met: false });
  } else {
    const activate = summarize(results.map((r) => r.activateMs!));
    rows.push({ label: `activate() incl. loading the bundle, ${hosts} fresh host(s)`, sample: activate },
      { label: 'then refresh() until the large manifest is loaded', sample: summarize(results.map((r) => r.refreshMs!)) });
    const exposed = results.map((r) => r.exposedActivationMs).filter((v): v is number => v !== undefined);
    notes.push(exposed.length > 0 ? `The extension's own measure of activate(): ${exposed.map((v) => v.toFixed(1)).join(', ')} ms.`
      : 'The extension does not expose its own activate() time (testApi.activationMs); the probe times `extension.activate()` from inside the host.');
    goals.push({ goal: 'activate() < 50 ms in the real host', measured: `${activate.median.toFixed(1)} ms`, met: activate.median < 50 });
  }
  return { title: '6. Activation in the real host (code-server) and bundle size', rows, goals, notes };
}
