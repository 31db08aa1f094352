import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { root } from './build';
import type { Context } from './context';
import { makeCodeowners, makeManifestYaml } from './generate';

/**
 * A real git repository with the generated layout, its ops.yaml and .github/CODEOWNERS, written once
 * under .bench-tmp/ (git-ignored) and reused while the inputs stay the same. fast-import writes the
 * 100,000-file commit in one go; `git reset --hard` then checks it out.
 */


export const manifestSections = { freezes: 500, incidents: 1000, projects: 200, milestones: 10 };

export interface BenchRepo {
  readonly dir: string;
  readonly paths: readonly string[];
  readonly codeowners: string;
  readonly manifest: string;
}

function git(dir: string, args: string[], input?: string): string {
  return execFileSync('git', args, { cwd: dir, input, encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** fast-import stream: one empty blob shared by every generated file, plus the two real files. */
function fastImportStream(paths: readonly string[], files: Record<string, string>): string {
  const parts = ['blob\nmark :1\ndata 0\n'];
  let mark = 2;
  const modifies = paths.map((p) => `M 100644 :1 ${p}\n`);
  for (const [file, text] of Object.entries(files)) {
    parts.push(`blob\nmark :${mark}\ndata ${Buffer.byteLength(text)}\n${text}\n`);
    modifies.push(`M 100644 :${mark} ${file}\n`);
    mark++;
  }
  const message = 'Generated monorepo for benchmarks\n';
  parts.push(`commit refs/heads/main\ncommitter Bench <bench@example.com> 1767225600 +0000\ndata ${message.length}\n${message}`);
  return parts.join('') + modifies.join('') + '\n';
}

export function ensureBenchRepo(ctx: Context): BenchRepo {
  const { files, systems, codeownersLines, seed } = ctx.options;
  const inputs = ctx.defaultInputs;
  const codeowners = makeCodeowners(inputs.components, codeownersLines, seed);
  const manifest = makeManifestYaml({ systems: inputs.systems, ...manifestSections }, seed);
  const dir = path.join(root, '.bench-tmp', `repo-${files}-${systems}-${codeownersLines}-${seed}`);
  // The cached repository is reused only while every generated input is byte-for-byte the same.
  const fingerprint = createHash('sha1').update(manifest).update(codeowners).update(inputs.paths.join('\n')).digest('hex');
  const marker = path.join(dir, '.git', 'bench-layout');
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === fingerprint) {
    return { dir, paths: inputs.paths, codeowners, manifest };
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  git(dir, ['init', '-q', '-b', 'main']);
  git(dir, ['config', 'user.email', 'bench@example.com']);
  git(dir, ['config', 'user.name', 'Bench']);
  git(dir, ['fast-import', '--quiet'], fastImportStream(inputs.paths, { 'ops.yaml': manifest, '.github/CODEOWNERS': codeowners }));
  git(dir, ['reset', '-q', '--hard', 'main']);
  fs.writeFileSync(marker, fingerprint);
  return { dir, paths: inputs.paths, codeowners, manifest };
}

/**
 * A git repository under .bench-tmp/<name> with `paths` (empty files) and `files` committed, reused
 * while they are byte-for-byte the same.
 */
export function ensureRepo(name: string, paths: readonly string[], files: Record<string, string>): string {
  const dir = path.join(root, '.bench-tmp', name);
  const hash = createHash('sha1').update(paths.join('\n'));
  for (const [file, text] of Object.entries(files)) hash.update(`\0${file}\0${text}`);
  const fingerprint = hash.digest('hex');
  const marker = path.join(dir, '.git', 'bench-layout');
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === fingerprint) {
    git(dir, ['reset', '-q', '--hard', 'main']);
    return dir;
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  git(dir, ['init', '-q', '-b', 'main']);
  git(dir, ['config', 'user.email', 'bench@example.com']);
  git(dir, ['config', 'user.name', 'Bench']);
  git(dir, ['fast-import', '--quiet'], fastImportStream(paths, files));
  git(dir, ['reset', '-q', '--hard', 'main']);
  fs.writeFileSync(marker, fingerprint);
  return dir;
}
