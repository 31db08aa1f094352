// `npm run package` as a publisher runs it (@vscode/vsce, offline, the production build through
// `vscode:prepublish`): it prints no warning, and the .vsix holds only what the extension ships.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { repoRoot } from './support/buildCli';
import { cleanEnv, run, tempDir } from './support/tempRepo';

interface ZipEntry { readonly name: string; readonly method: number; readonly compressedSize: number; readonly localOffset: number }

/** The entries of a zip file, from its central directory (no ZIP64: a .vsix of a few MB). */
function zipEntries(zip: Buffer): ZipEntry[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(end >= 0, 'no end of central directory: not a zip file');
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    assert.strictEqual(zip.readUInt32LE(offset), 0x02014b50, 'central directory entry');
    const nameLength = zip.readUInt16LE(offset + 28);
    entries.push({
      name: zip.toString('utf8', offset + 46, offset + 46 + nameLength),
      method: zip.readUInt16LE(offset + 10),
      compressedSize: zip.readUInt32LE(offset + 20),
      localOffset: zip.readUInt32LE(offset + 42),
    });
    offset += 46 + nameLength + zip.readUInt16LE(offset + 30) + zip.readUInt16LE(offset + 32);
  }
  return entries;
}

function zipRead(zip: Buffer, entry: ZipEntry): Buffer {
  const header = entry.localOffset;
  const start = header + 30 + zip.readUInt16LE(header + 26) + zip.readUInt16LE(header + 28);
  const data = zip.subarray(start, start + entry.compressedSize);
  return entry.method === 0 ? data : zlib.inflateRawSync(data);
}

/** The bundles esbuild.js writes for the extension and the CLI, read from its own lists. */
function bundles(): string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { cliFiles, lazyBundles } = require('../../esbuild.js') as { cliFiles: string[]; lazyBundles: Record<string, string> };
  return [...new Set(['extension.js', ...cliFiles, ...Object.values(lazyBundles)])].map((file) => `extension/dist/${file}`).sort();
}

/** What may be in the package besides the bundles: its manifest files, media, the schema, README images, and the l10n bundles. */
const allowed: readonly RegExp[] = [
  /^\[Content_Types\]\.xml$/, /^extension\.vsixmanifest$/,
  /^extension\/(package\.json|readme\.md|changelog\.md|LICENSE\.txt)$/,
  /^extension\/package\.nls(\.[a-z]{2}(-[a-z]{2,4})?)?\.json$/, /^extension\/l10n\/bundle\.l10n(\.[a-z]{2}(-[a-z]{2,4})?)?\.json$/,
  /^extension\/media\/[\w.-]+\.(png|svg|css|js)$/, /^extension\/media\/walkthrough\/[\w-]+(\.nls\.[a-z]{2}(-[a-z]{2,4})?)?\.md$/, /^extension\/schemas\/[\w.-]+\.json$/, /^extension\/docs\/images\/[\w.-]+\.(png|gif)$/,
];

describe('the .vsix (npm run package)', function () {
  this.timeout(300_000);
  let output: string;
  let entries: ZipEntry[];
  let zip: Buffer;

  before(() => {
    const vsix = path.join(tempDir('change-radar-vsix-'), 'change-radar.vsix');
    // No network: vsce packages from the working tree; npm and vsce are told to stay offline.
    const result = run('npm', ['run', '--silent', 'package', '--', '--out', vsix], repoRoot, cleanEnv({ npm_config_offline: 'true', NO_UPDATE_NOTIFIER: '1' }));
    output = result.stdout + result.stderr;
    assert.strictEqual(result.code, 0, output);
    zip = fs.readFileSync(vsix);
    entries = zipEntries(zip);
  });

  after(async function () {
    // vscode:prepublish wrote production bundles into dist/; put back the CLI build the other CLI tests run.
    this.timeout(120_000);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { buildCli } = require('../../esbuild.js') as { buildCli: (outdir: string, settings: { logLevel: string }) => Promise<void> };
    await buildCli(path.join(repoRoot, 'dist'), { logLevel: 'warning' });
  });

  it('packaging prints no warning', () => {
    // vsce's ` WARNING `, esbuild's `▲ [WARNING]`, npm's `npm warn` (a file named warnings.png is no warning).
    const warnings = output.split('\n').filter((line) => /(^|[\s[])warn(ing)?(\]|:|\s|$)/i.test(line));
    assert.deepStrictEqual(warnings, [], output);
    assert.match(output, /DONE\s+Packaged: /);
  });

  it('holds the six bundles and otherwise only media (with the walkthrough pages), the schema, README images, README, CHANGELOG, LICENSE and package.json', () => {
    const names = entries.map((e) => e.name).filter((name) => !name.endsWith('/'));
    const dist = names.filter((name) => name.startsWith('extension/dist/')).sort();
    assert.deepStrictEqual(dist, bundles());
    assert.strictEqual(dist.length, 6);
    const stray = names.filter((name) => !name.startsWith('extension/dist/') && !allowed.some((pattern) => pattern.test(name)));
    assert.deepStrictEqual(stray, [], 'files the extension does not ship');
    for (const required of ['extension/package.json', 'extension/readme.md', 'extension/changelog.md', 'extension/LICENSE.txt', 'extension/media/icon.png', 'extension/schemas/ops.schema.json']) {
      assert.ok(names.includes(required), `${required} missing`);
    }
    // Every README image is in the package too (the Marketplace shows them from the repository; see below).
    const images = fs.readdirSync(path.join(repoRoot, 'docs', 'images')).map((file) => `extension/docs/images/${file}`);
    assert.deepStrictEqual(images.filter((image) => !names.includes(image)), []);
    // Every walkthrough page is in the package, the translated ones (`<page>.nls.de.md`, read by the workbench) too.
    const pages = fs.readdirSync(path.join(repoRoot, 'media', 'walkthrough')).map((file) => `extension/media/walkthrough/${file}`);
    assert.ok(pages.some((page) => page.endsWith('.nls.de.md')), pages.join(', '));
    assert.deepStrictEqual(pages.filter((page) => !names.includes(page)), []);
  });

  it('the README in the package points its images and links at the repository (absolute https URLs)', () => {
    const readme = zipRead(zip, entries.find((e) => e.name === 'extension/readme.md') as ZipEntry).toString('utf8');
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1] ?? '');
    assert.ok(images.length >= 3, readme);
    for (const image of images) assert.match(image, /^https:\/\/raw\.githubusercontent\.com\/change-radar\/change-radar\/main\/docs\/images\/[\w.-]+\.png$/);
    const relative = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1] ?? '').filter((link) => !/^(https?:|mailto:|#)/.test(link));
    assert.deepStrictEqual(relative, [], 'relative links break on the Marketplace and Open VSX');
  });

  it('the Marketplace sees the repository, issues, Q&A, banner and a 128×128 icon', () => {
    const manifest = zipRead(zip, entries.find((e) => e.name === 'extension.vsixmanifest') as ZipEntry).toString('utf8');
    assert.match(manifest, /Microsoft\.VisualStudio\.Services\.Links\.Source" Value="https:\/\/github\.com\/change-radar\/change-radar\.git"/);
    assert.match(manifest, /Microsoft\.VisualStudio\.Services\.Links\.Support" Value="https:\/\/github\.com\/change-radar\/change-radar\/issues"/);
    assert.match(manifest, /Microsoft\.VisualStudio\.Services\.CustomerQnALink" Value="https:\/\/github\.com\/change-radar\/change-radar\/discussions"/);
    assert.match(manifest, /Microsoft\.VisualStudio\.Services\.Branding\.Color" Value="#102030"/);
    const icon = zipRead(zip, entries.find((e) => e.name === 'extension/media/icon.png') as ZipEntry);
    assert.strictEqual(icon.toString('latin1', 12, 16), 'IHDR');
    assert.deepStrictEqual([icon.readUInt32BE(16), icon.readUInt32BE(20)], [128, 128]);
  });
});
