// Real throwaway git repositories for the CLI tests, and a way to run dist/cli.js against them.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cliPath } from './buildCli';

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

const created: string[] = [];

/** A HOME of our own, so the developer's ~/.gitconfig (hooksPath, signing, templates) cannot leak in. */
let home: string | undefined;
function testHome(): string {
  if (home === undefined) {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'change-radar-home-'));
    created.push(home);
    fs.writeFileSync(path.join(home, '.gitconfig'), [
      '[user]', '\tname = Test', '\temail = test@example.com',
      '[init]', '\tdefaultBranch = main',
      '[commit]', '\tgpgsign = false',
      '[advice]', '\tdetachedHead = false',
      '',
    ].join('\n'));
  }
  return home;
}

/** The process environment without git's and our own variables, with the test HOME. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith('GIT_') || key.startsWith('CHANGE_RADAR') || key === 'NO_COLOR' || key === 'FORCE_COLOR') continue;
    env[key] = value;
  }
  const h = testHome();
  return { ...env, HOME: h, XDG_CONFIG_HOME: path.join(h, '.config'), GIT_CONFIG_NOSYSTEM: '1', ...extra };
}

export function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = cleanEnv()): RunResult {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.error) throw result.error;
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr, ms };
}

export class TempRepo {
  private constructor(readonly dir: string) {}

  /** `git init -b main` in a fresh directory under os.tmpdir(). */
  static init(prefix = 'change-radar-repo-'): TempRepo {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
    created.push(dir);
    const repo = new TempRepo(dir);
    repo.git('init', '-q', '-b', 'main');
    return repo;
  }

  /** A repository with `files` written and committed as the first commit. */
  static withCommit(files: Record<string, string>): TempRepo {
    const repo = TempRepo.init();
    repo.write(files);
    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'initial');
    return repo;
  }

  /** `git clone` of `source` into a fresh directory (its `origin`). */
  static cloneOf(source: TempRepo): TempRepo {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'change-radar-clone-')));
    created.push(dir);
    const result = run('git', ['clone', '-q', source.dir, dir], os.tmpdir());
    if (result.code !== 0) throw new Error(`git clone failed (${result.code}): ${result.stderr}`);
    return new TempRepo(dir);
  }

  git(...args: string[]): string {
    const result = run('git', args, this.dir);
    if (result.code !== 0) throw new Error(`git ${args.join(' ')} failed (${result.code}): ${result.stderr}`);
    return result.stdout;
  }

  /** git that may fail (e.g. a commit refused by a hook). */
  tryGit(args: readonly string[], env: Record<string, string> = {}): RunResult {
    return run('git', args, this.dir, cleanEnv(env));
  }

  write(files: Record<string, string>): void {
    for (const [file, text] of Object.entries(files)) {
      const absolute = path.join(this.dir, file);
      fs.mkdirSync(path.dirname(absolute), { recursive: true });
      fs.writeFileSync(absolute, text);
    }
  }

  read(file: string): string {
    return fs.readFileSync(path.join(this.dir, file), 'utf8');
  }

  path(file: string): string {
    return path.join(this.dir, file);
  }

  /** Runs `node dist/cli.js ...args` in the repository (or `cwd` below it). */
  cli(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): RunResult {
    return run(process.execPath, [cliPath, ...args], options.cwd ?? this.dir, cleanEnv(options.env));
  }

  head(): string {
    return this.git('rev-parse', 'HEAD').trim();
  }
}

/** A directory that is not a repository. */
export function tempDir(prefix = 'change-radar-dir-'): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  created.push(dir);
  return dir;
}

after(() => {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
