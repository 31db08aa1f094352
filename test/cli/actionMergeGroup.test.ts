import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { alwaysManifest, baseFiles } from './support/fixtures';
import { cleanEnv, run, TempRepo, tempDir } from './support/tempRepo';
import { repoRoot } from './support/buildCli';

// The GitHub Action's check step as action.yml writes it, run with real event payloads: its
// `${{ … }}` expressions are evaluated against the payload (property paths joined by `||`, as
// GitHub evaluates them), so the test reads which base the action picks for each event. The CLI is
// the one the root hook built (the setup step only builds it; test/cli/packaging.test.ts runs it).

interface ActionStep { readonly name: string; readonly run: string; readonly env?: Record<string, string>; readonly 'working-directory'?: string }

/** `${{ a.b || c.d }}` against a context: the first truthy property path, else ''. */
function expression(text: string, context: Record<string, unknown>): string {
  return text.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_, body: string) => {
    for (const alternative of body.split('||').map((part) => part.trim())) {
      let value: unknown = context;
      for (const key of alternative.split('.')) value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
      if (typeof value === 'string' && value !== '') return value;
      if (typeof value === 'number' || value === true) return String(value);
    }
    return '';
  });
}

function checkStep(eventName: string, payload: Record<string, unknown>, dir: string, inputs: Record<string, string> = {}) {
  const action = parse(fs.readFileSync(path.join(repoRoot, 'action.yml'), 'utf8')) as { runs: { steps: ActionStep[] } };
  const step = action.runs.steps.find((s) => s.name === 'Check the change');
  assert.ok(step);
  const eventPath = path.join(tempDir(), 'event.json');
  fs.writeFileSync(eventPath, JSON.stringify(payload));
  const context = { github: { event: payload, event_name: eventName }, inputs: { base: '', manifest: '', 'working-directory': '.', ...inputs } };
  const summary = path.join(tempDir(), 'summary.md');
  const env: Record<string, string> = {
    GITHUB_ACTION_PATH: repoRoot, GITHUB_STEP_SUMMARY: summary, GITHUB_ACTIONS: 'true', GITHUB_EVENT_NAME: eventName, GITHUB_EVENT_PATH: eventPath,
  };
  for (const [key, value] of Object.entries(step.env ?? {})) env[key] = expression(value, context);
  const result = run('bash', ['-c', expression(step.run, context)], path.resolve(dir, expression(step['working-directory'] ?? '.', context)), cleanEnv(env));
  return { ...result, env, summary: fs.existsSync(summary) ? fs.readFileSync(summary, 'utf8') : '' };
}

describe('GitHub Action: merge queues (merge_group events)', function () {
  this.timeout(60_000);

  /** main, then a merge group on top of it: one pull request touching checkout (frozen), or only free/. */
  function mergeGroup(touch: Record<string, string>): { repo: TempRepo; base: string; head: string } {
    const repo = TempRepo.withCommit({ ...baseFiles, 'ops.yaml': alwaysManifest });
    const base = repo.head();
    repo.git('checkout', '-q', '-b', 'gh-readonly-queue/main/pr-7-' + base.slice(0, 12));
    repo.write(touch);
    repo.git('add', '-A');
    repo.git('commit', '-qm', 'Merge pull request #7');
    return { repo, base, head: repo.head() };
  }

  const payloadOf = (base: string, head: string) => ({
    action: 'checks_requested',
    merge_group: { base_sha: base, head_sha: head, base_ref: 'refs/heads/main', head_ref: `refs/heads/gh-readonly-queue/main/pr-7-${base.slice(0, 12)}`, head_commit: { id: head, message: 'Merge pull request #7' } },
    repository: { full_name: 'acme/shop' },
  });

  it('checks the merge group against its base commit: exit 1 with annotations when it touches a frozen system', () => {
    const { repo, base, head } = mergeGroup({ 'services/checkout/pay.ts': 'export const pay = 2;\n' });
    const result = checkStep('merge_group', payloadOf(base, head), repo.dir);
    assert.strictEqual(result.env.DEFAULT_BASE, base);
    assert.strictEqual(result.code, 1, result.stderr + result.stdout);
    assert.match(result.stdout, /^::error file=services\/checkout\/pay\.ts/m);
    assert.match(result.summary, /Forever freeze/);
  });

  it('passes a merge group that touches no frozen system', () => {
    const { repo, base, head } = mergeGroup({ 'free/a.txt': 'b\n' });
    const result = checkStep('merge_group', payloadOf(base, head), repo.dir);
    assert.strictEqual(result.env.DEFAULT_BASE, base);
    assert.strictEqual(result.code, 0, result.stderr + result.stdout);
  });

  it('still takes the pull request\'s base on pull_request events, and the base input over both', () => {
    const { repo, base, head } = mergeGroup({ 'services/checkout/pay.ts': 'export const pay = 3;\n' });
    const pr = checkStep('pull_request', { pull_request: { base: { sha: base }, head: { sha: head } } }, repo.dir);
    assert.deepStrictEqual([pr.env.DEFAULT_BASE, pr.code], [base, 1]);
    // The input names HEAD itself: an empty change, nothing blocks.
    const input = checkStep('merge_group', payloadOf(base, head), repo.dir, { base: head });
    assert.deepStrictEqual([input.env.INPUT_BASE, input.code], [head, 0]);
  });
});
