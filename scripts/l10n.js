#!/usr/bin/env node
// `npm run l10n`: extracts the message of every `t('…')` call in src/vscode (src/vscode/base/l10n.ts)
// into l10n/bundle.l10n.json, the English bundle VS Code's `"l10n": "./l10n"` points at; the keys are
// the English messages themselves. `npm run l10n -- --check` writes nothing and fails when the bundle
// is stale, when a `t()` call's message is not a string literal (it could not be extracted, so it
// would never be translated), when a translation (l10n/bundle.l10n.<lang>.json, package.nls.<lang>.json)
// lacks a key or has one too many, or when a translation drops or invents a `{0}`/`{name}` placeholder.
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const root = path.resolve(__dirname, '..');
const sourceDir = path.join(root, 'src', 'vscode');
const l10nDir = path.join(root, 'l10n');
const bundleFile = path.join(l10nDir, 'bundle.l10n.json');

function sourceFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** `t(…)` or `l10n.t(…)` / `vscode.l10n.t(…)`. */
function isTranslateCall(node) {
  if (!ts.isCallExpression(node)) return false;
  const callee = node.expression;
  if (ts.isIdentifier(callee)) return callee.text === 't';
  return ts.isPropertyAccessExpression(callee) && callee.name.text === 't' && /(^|\.)l10n$/.test(callee.expression.getText());
}

/** Every `t()` message of one source text, and the calls whose message is not a literal. */
function extractFrom(fileName, text) {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const messages = [];
  const problems = [];
  const visit = (node) => {
    if (isTranslateCall(node)) {
      const where = `${path.relative(root, fileName)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
      const [message] = node.arguments;
      if (message !== undefined && (ts.isStringLiteral(message) || ts.isNoSubstitutionTemplateLiteral(message))) {
        messages.push({ message: message.text, where });
      } else {
        problems.push(`${where}: t() needs a string literal as its message, not \`${message === undefined ? '' : message.getText()}\` (it could not be extracted for translation)`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { messages, problems };
}

/** The English bundle: every message, sorted, mapped to itself (base/l10n.ts defines `t`: it passes messages on). */
function extract(files = sourceFiles(sourceDir).filter((file) => file !== path.join(sourceDir, 'base', 'l10n.ts'))) {
  const bundle = {};
  const problems = [];
  for (const file of files.sort()) {
    const found = extractFrom(file, fs.readFileSync(file, 'utf8'));
    problems.push(...found.problems);
    for (const { message } of found.messages) bundle[message] = message;
  }
  const sorted = Object.fromEntries(Object.keys(bundle).sort().map((key) => [key, bundle[key]]));
  return { bundle: sorted, problems };
}

const bundleText = (bundle) => `${JSON.stringify(bundle, null, 2)}\n`;
const placeholders = (text) => [...String(text).matchAll(/\{[\w]+\}/g)].map((m) => m[0]).sort().join(' ');
const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));

/** Keys missing from or extra in `translated`, and translations whose placeholders differ. */
function compare(name, english, translated) {
  const problems = [];
  for (const key of Object.keys(english)) {
    if (!(key in translated)) problems.push(`${name}: missing "${key}"`);
    else if (placeholders(english[key]) !== placeholders(translated[key])) problems.push(`${name}: "${key}" has placeholders {${placeholders(translated[key])}}, the English {${placeholders(english[key])}}`);
    else if (typeof translated[key] !== 'string' || translated[key].trim() === '') problems.push(`${name}: "${key}" is empty`);
  }
  for (const key of Object.keys(translated)) {
    if (!(key in english)) problems.push(`${name}: "${key}" is not an English key (extra)`);
  }
  return problems;
}

/** Everything `--check` reports; empty when the bundles are current and complete. */
function check() {
  const { bundle, problems } = extract();
  if (!fs.existsSync(bundleFile) || fs.readFileSync(bundleFile, 'utf8') !== bundleText(bundle)) {
    problems.push('l10n/bundle.l10n.json is stale: run `npm run l10n`');
  }
  for (const name of fs.readdirSync(l10nDir).filter((n) => /^bundle\.l10n\.[\w-]+\.json$/.test(n))) {
    problems.push(...compare(`l10n/${name}`, bundle, readJson(path.join(l10nDir, name))));
  }
  const nls = readJson(path.join(root, 'package.nls.json'));
  for (const name of fs.readdirSync(root).filter((n) => /^package\.nls\.[\w-]+\.json$/.test(n))) {
    problems.push(...compare(name, nls, readJson(path.join(root, name))));
  }
  return problems;
}

if (require.main === module) {
  if (process.argv.includes('--check')) {
    const problems = check();
    for (const problem of problems) console.error(`l10n: ${problem}`);
    if (problems.length > 0) process.exitCode = 1;
    else console.log('l10n: bundle current, translations complete');
  } else {
    const { bundle, problems } = extract();
    for (const problem of problems) console.error(`l10n: ${problem}`);
    fs.mkdirSync(l10nDir, { recursive: true });
    fs.writeFileSync(bundleFile, bundleText(bundle));
    console.log(`l10n: ${Object.keys(bundle).length} messages in l10n/bundle.l10n.json`);
    if (problems.length > 0) process.exitCode = 1;
  }
}

module.exports = { extract, extractFrom, check, compare };
