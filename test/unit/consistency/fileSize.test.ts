import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Issue 24, item 5: no source file over 400 lines; a file that grows past it is split by concept. */

const root = path.resolve(__dirname, '../../..');
const maxLines = 400;

const allowed: Readonly<Record<string, string>> = {
};

function lineCount(text: string): number {
  return text.length === 0 ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|js|mjs|cjs)$/.test(entry.name) ? [full] : [];
  });
}

describe(`no source file over ${maxLines} lines (issue 24)`, () => {
  it('every file in src/ but the allowed ones', () => {
    const over = sourceFiles(path.join(root, 'src'))
      .map((file) => ({ file: path.relative(root, file).split(path.sep).join('/'), lines: lineCount(fs.readFileSync(file, 'utf8')) }))
      .filter(({ file, lines }) => lines > maxLines && allowed[file] === undefined)
      .map(({ file, lines }) => `${file}: ${lines} lines`);
    assert.deepEqual(over, [], `split these by concept (at most ${maxLines} lines each)`);
  });

  it('counts lines as wc -l does', () => {
    assert.equal(lineCount(''), 0);
    assert.equal(lineCount('a\n'), 1);
    assert.equal(lineCount('a\nb'), 2);
    assert.equal(lineCount(`${'x\n'.repeat(maxLines + 1)}`), maxLines + 1);
  });

  it('the allow list names files that exist and are still over the limit (it is not a place to forget files)', () => {
    for (const file of Object.keys(allowed)) {
      const full = path.join(root, file);
      assert.ok(fs.existsSync(full), file);
      assert.ok(lineCount(fs.readFileSync(full, 'utf8')) > maxLines, `${file} is within ${maxLines} lines now: take it off the allow list`);
    }
  });
});
