import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { diagnosticCodeValue, docsBaseUrl, problemCodeDocs, warningCodeDocs } from '../../../src/vscode/warnings/codeDocs';
import { docsAnchors, manifestProblemCodes } from '../../support/problemCodes';

/**
 * The code of each diagnostic links to its documentation (the Problems panel opens it): a manifest
 * problem to its row of docs/manifest.md, a save warning to its row of docs/warnings.md. Every code
 * that can be reported has the anchor its link points at, and the address is the repository's.
 */

const root = path.join(__dirname, '..', '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { repository: { url: string }; scripts: Record<string, string> };

/** `https://github.com/<owner>/<repo>/blob/main/docs/<file>#<anchor>` → [file, anchor], or undefined for any other address. */
function docsTarget(url: string): [string, string] | undefined {
  if (!url.startsWith(docsBaseUrl)) return undefined;
  const [file, anchor] = url.slice(docsBaseUrl.length).split('#');
  return file !== undefined && anchor !== undefined ? [file, anchor] : undefined;
}

/** The save warning codes: src/core/evaluate/fileWarnings.ts's FileWarningCode. */
function warningCodes(): string[] {
  const source = fs.readFileSync(path.join(root, 'src/core/evaluate/fileWarnings.ts'), 'utf8');
  const union = /export type FileWarningCode = ([^;]+);/.exec(source)?.[1] ?? '';
  return [...union.matchAll(/'([a-z-]+)'/g)].map((match) => match[1]);
}

describe('diagnostic codes link to their documentation', () => {
  it('points at the repository package.json names, where the Marketplace page links too', () => {
    const repository = pkg.repository.url.replace(/\.git$/, '');
    assert.strictEqual(docsBaseUrl, `${repository}/blob/main/docs/`);
    const baseContentUrl = /--baseContentUrl (\S+)/.exec(pkg.scripts.package ?? '')?.[1];
    assert.strictEqual(`${baseContentUrl}/docs/`, docsBaseUrl);
  });

  it('every manifest problem code the parser, the loader and the editor report has its anchor in docs/manifest.md', () => {
    const codes = [...manifestProblemCodes()].sort();
    assert.ok(codes.length >= 50 && codes.includes('invalid-cron') && codes.includes('manifest-unreadable') && codes.includes('extends-tampered'), codes.join(', '));
    const anchors = docsAnchors('manifest.md');
    const unlinked = codes.filter((code) => {
      const target = docsTarget(problemCodeDocs(code));
      return target === undefined || target[0] !== 'manifest.md' || !anchors.has(target[1]);
    });
    assert.deepStrictEqual(unlinked, []);
  });

  it('every save warning code has its anchor in docs/warnings.md', () => {
    const codes = warningCodes();
    assert.deepStrictEqual(codes, ['freeze-block', 'freeze-warn', 'freeze-overridden', 'freeze-impacted', 'incident-active']);
    const anchors = docsAnchors('warnings.md');
    assert.deepStrictEqual(codes.filter((code) => !anchors.has(docsTarget(warningCodeDocs(code))?.[1] ?? '')), []);
  });

  it('anchors each code at its own table row, once', () => {
    for (const file of ['manifest.md', 'warnings.md']) {
      const text = fs.readFileSync(path.join(root, 'docs', file), 'utf8');
      const rows = [...text.matchAll(/^\| <a id="([a-z]+)-([a-z0-9-]+)"><\/a>`([a-z0-9-]+)` \|/gm)];
      assert.ok(rows.length > 0, file);
      assert.deepStrictEqual(rows.filter((row) => row[2] !== row[3]).map((row) => row[0]), [], `${file}: an anchor names another code than its row`);
      const ids = [...text.matchAll(/<a id="([^"]+)">/g)].map((match) => match[1]);
      assert.deepStrictEqual(ids.filter((id, index) => ids.indexOf(id) !== index), [], `${file}: an anchor twice`);
    }
  });

  it('reads a code whether it is a link or plain', () => {
    assert.deepStrictEqual([diagnosticCodeValue({ value: 'freeze-block' }), diagnosticCodeValue('freeze-warn'), diagnosticCodeValue(7), diagnosticCodeValue(undefined)], ['freeze-block', 'freeze-warn', 7, undefined]);
  });
});
