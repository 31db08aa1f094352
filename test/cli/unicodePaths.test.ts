import * as assert from 'node:assert';
import { TempRepo } from './support/tempRepo';

/**
 * Paths and globs are compared in Unicode normal form C (docs/manifest.md, Paths): macOS names files
 * in NFD (`e` + U+0301), editors write manifests in NFC (`é`). Git keeps the bytes it is given, so a
 * repository written here holds an NFD name exactly as one made on a Mac does.
 */
const nfc = 'caf\u00e9';
const nfd = 'cafe\u0301';

function manifest(glob: string): string {
  return ['version: 1', 'systems:', `  menu: { paths: ["${glob}/"] }`, '  free: { paths: [free/] }', 'freezes:',
    '  - { id: menu-freeze, systems: [menu], start: 2000-01-01, end: 2999-01-01 }', ''].join('\n');
}

interface Json { files: { path: string; systems: string[] }[]; blocked: boolean }

describe('check with file names in another Unicode normal form than the globs', () => {
  for (const [globForm, fileForm, name] of [[nfc, nfd, 'an NFC glob, an NFD-named staged file'], [nfd, nfc, 'an NFD glob, an NFC-named staged file']]) {
    it(`${name}: the file is in the system and the freeze blocks it`, () => {
      const repo = TempRepo.withCommit({ 'ops.yaml': manifest(globForm), 'free/a.txt': 'a\n' });
      repo.write({ [`${fileForm}/menu.ts`]: 'changed\n' });
      repo.git('add', '-A');
      assert.match(repo.git('ls-files', '-z'), new RegExp(`${fileForm}/menu\\.ts`), 'git holds the name in the form written');
      const result = repo.cli(['check', '--staged', '--format', 'json']);
      assert.strictEqual(result.code, 1, result.stdout + result.stderr);
      const report = JSON.parse(result.stdout) as Json;
      assert.deepStrictEqual([report.blocked, report.files.map((file) => [file.path, file.systems])], [true, [[`${fileForm}/menu.ts`, ['menu']]]]);
    });
  }
});
