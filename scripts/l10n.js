#!/usr/bin/env node
// `npm run l10n`: extracts the message of every `t('…')` call in src/vscode (src/vscode/base/l10n.ts)
// into l10n/bundle.l10n.json, the English bundle VS Code's `"l10n": "./l10n"` points at; the keys are
// the English messages themselves. `npm run l10n -- --check` writes nothing and fails when the bundle
// is stale, when a `t()` call's message is not a string literal (it could not be extracted, so it
// would never be translated), when a translation (l10n/bundle.l10n.<lang>.json, package.nls.<lang>.json)
// lacks a key or has one too many, or when a translation drops or invents a `{0}`/`{name}` placeholder.
//
// Plural messages: `tn(count, { one: '{0} file', other: '{0} files' }, …)` is extracted as two keys,
// `{0} files` (the `other` form) and `{0} files/one`. A translation has the `other` key and one
// `<other>/<category>` key for each further plural category its language has — Intl.PluralRules'
// `pluralCategories` for the language in the file name: `de` one; `pl` one, few, many; `ja` none —
// and no key for a category its language does not have. Both forms of a `tn()` call must name the
// same placeholders (`{0} file`, not `1 file`: in Russian `one` is also 21, in French also 0).
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

/** `tn(count, { one, other }, …)`: a message that depends on a count. */
function isPluralCall(node) {
  return ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'tn';
}

/** The plural categories a translation keys beside `other`: what Intl.PluralRules has for its language. */
const pluralCategoryNames = ['zero', 'one', 'two', 'few', 'many'];
const isLiteral = (node) => node !== undefined && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node));

/** The `one` and `other` literals of a `tn()` call's forms, or why they cannot be extracted. */
function pluralForms(node) {
  const forms = node.arguments[1];
  if (forms === undefined || !ts.isObjectLiteralExpression(forms)) {
    return { problem: `tn() needs an object literal { one: '…', other: '…' } as its forms, not \`${forms === undefined ? '' : forms.getText()}\`` };
  }
  const found = {};
  for (const property of forms.properties) {
    const name = ts.isPropertyAssignment(property) && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) ? property.name.text : undefined;
    if (name !== 'one' && name !== 'other') return { problem: `tn() forms have exactly \`one\` and \`other\` (the English categories), not \`${property.getText()}\`` };
    if (!isLiteral(property.initializer)) return { problem: `tn() needs string literals as its forms, not \`${property.initializer.getText()}\` (it could not be extracted for translation)` };
    found[name] = property.initializer.text;
  }
  if (found.one === undefined || found.other === undefined) return { problem: 'tn() forms need both `one` and `other`' };
  if (placeholders(found.one) !== placeholders(found.other)) {
    return { problem: `tn() forms "${found.one}" and "${found.other}" name different placeholders: write the count as a placeholder in both (in other languages \`one\` is not only 1)` };
  }
  return { one: found.one, other: found.other };
}

/**
 * Every `t()` message and `tn()` form of one source text (`key` is the bundle key: the message, or
 * `<other>/one` for a plural's `one` form), the plural messages' `other` forms, and the calls that
 * could not be extracted.
 */
function extractFrom(fileName, text) {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const messages = [];
  const plurals = [];
  const problems = [];
  const visit = (node) => {
    const where = () => `${path.relative(root, fileName)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    if (isTranslateCall(node)) {
      const [message] = node.arguments;
      if (isLiteral(message)) {
        messages.push({ key: message.text, message: message.text, where: where() });
      } else {
        problems.push(`${where()}: t() needs a string literal as its message, not \`${message === undefined ? '' : message.getText()}\` (it could not be extracted for translation)`);
      }
    } else if (isPluralCall(node)) {
      const forms = pluralForms(node);
      if (forms.problem !== undefined) {
        problems.push(`${where()}: ${forms.problem}`);
      } else {
        messages.push({ key: forms.other, message: forms.other, where: where() }, { key: `${forms.other}/one`, message: forms.one, where: where() });
        plurals.push({ other: forms.other, where: where() });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { messages, plurals, problems };
}

/** The English bundle: every message, sorted, mapped to itself (base/l10n.ts defines `t`: it passes messages on). */
function extract(files = sourceFiles(sourceDir).filter((file) => file !== path.join(sourceDir, 'base', 'l10n.ts'))) {
  const bundle = {};
  const where = {};
  const plurals = new Set();
  const problems = [];
  for (const file of files.sort()) {
    const found = extractFrom(file, fs.readFileSync(file, 'utf8'));
    problems.push(...found.problems);
    for (const { key, message, where: at } of found.messages) {
      if (key in bundle && bundle[key] !== message) problems.push(`${at}: "${key}" is "${message}" here but "${bundle[key]}" at ${where[key]} (one plural message, two \`one\` forms)`);
      else [bundle[key], where[key]] = [message, at];
    }
    for (const { other } of found.plurals) plurals.add(other);
  }
  const sorted = Object.fromEntries(Object.keys(bundle).sort().map((key) => [key, bundle[key]]));
  return { bundle: sorted, plurals, problems };
}

/** The plural categories besides `other` that `language` has (Intl.PluralRules), or undefined when Intl does not know it. */
function pluralCategories(language) {
  if (Intl.PluralRules.supportedLocalesOf([language]).length === 0) return undefined;
  return new Intl.PluralRules(language).resolvedOptions().pluralCategories.filter((category) => category !== 'other');
}

/** `{ base, category }` when `key` is a plural message's category key (`{0} files/few`). */
function categoryKey(key, plurals) {
  const slash = key.lastIndexOf('/');
  const base = key.slice(0, slash);
  const category = key.slice(slash + 1);
  return slash > 0 && plurals.has(base) && pluralCategoryNames.includes(category) ? { base, category } : undefined;
}

const bundleText = (bundle) => `${JSON.stringify(bundle, null, 2)}\n`;
const placeholders = (text) => [...String(text).matchAll(/\{[\w]+\}/g)].map((m) => m[0]).sort().join(' ');
const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));

/**
 * Keys missing from or extra in `translated`, and translations whose placeholders differ. With
 * `plural` (the plural messages' `other` forms and the translation's language): the English `/one`
 * keys are replaced by one `<other>/<category>` key per category the language has, and a category
 * key for a category it does not have is reported as such.
 */
function compare(name, english, translated, plural = { plurals: new Set(), language: 'en' }) {
  const problems = [];
  const categories = pluralCategories(plural.language) ?? [];
  const expected = {};
  for (const key of Object.keys(english)) {
    if (categoryKey(key, plural.plurals) === undefined) expected[key] = english[key];
  }
  for (const base of plural.plurals) {
    for (const category of categories) expected[`${base}/${category}`] = english[`${base}/${category}`] ?? english[base];
  }
  for (const key of Object.keys(expected)) {
    const category = categoryKey(key, plural.plurals)?.category;
    const what = category === undefined ? '' : ` (plural category ${category} of ${plural.language})`;
    if (!(key in translated)) problems.push(`${name}: missing "${key}"${what}`);
    else if (placeholders(expected[key]) !== placeholders(translated[key])) problems.push(`${name}: "${key}" has placeholders {${placeholders(translated[key])}}, the English {${placeholders(expected[key])}}`);
    else if (typeof translated[key] !== 'string' || translated[key].trim() === '') problems.push(`${name}: "${key}" is empty`);
  }
  for (const key of Object.keys(translated)) {
    if (key in expected) continue;
    const category = categoryKey(key, plural.plurals)?.category;
    if (category !== undefined) {
      problems.push(`${name}: "${key}" is plural category ${category}, which ${plural.language} does not have (its categories: ${[...categories, 'other'].join(', ')})`);
    } else {
      problems.push(`${name}: "${key}" is not an English key (extra)`);
    }
  }
  return problems;
}

/** Everything `--check` reports; empty when the bundles are current and complete. `dir`: the bundles' folder (the tests pass a fixture). */
function check(dir = l10nDir) {
  const { bundle, plurals, problems } = extract();
  const english = path.join(dir, 'bundle.l10n.json');
  if (!fs.existsSync(english) || fs.readFileSync(english, 'utf8') !== bundleText(bundle)) {
    problems.push(`${path.relative(root, english)} is stale: run \`npm run l10n\``);
  }
  for (const name of fs.readdirSync(dir).filter((n) => /^bundle\.l10n\.[\w-]+\.json$/.test(n))) {
    const where = path.relative(root, path.join(dir, name));
    const language = /^bundle\.l10n\.([\w-]+)\.json$/.exec(name)[1];
    if (pluralCategories(language) === undefined) problems.push(`${where}: Intl knows no plural rules for "${language}", so its plural categories cannot be checked`);
    problems.push(...compare(where, bundle, readJson(path.join(dir, name)), { plurals, language }));
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
