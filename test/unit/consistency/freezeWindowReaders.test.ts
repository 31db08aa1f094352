import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { defaultHorizonDays, horizonMsOfDays } from '../../../src/core/evaluate/freezeEvaluator';

/**
 * Issue 24: one evaluator answers every time question about a freeze, so no module but the
 * evaluator (and the modules that must build or carry the fields) reads a freeze's `start`, `end`
 * or `schedule`. A type-aware scan of `src/`: every property access and destructuring whose object
 * is the model's `Freeze` (src/core/model.ts) is found; the test fails on one outside the list.
 */

const root = path.resolve(__dirname, '../../..');

/** The modules allowed to read a freeze's window fields, and why. */
const allowed: Readonly<Record<string, string>> = {
  'src/core/evaluate/freezeEvaluator.ts': 'the one evaluator',
  'src/core/time/freezeClock.ts': 'the window arithmetic the evaluator uses (absolute and cron, DST)',
  'src/core/manifest/manifestNormalizer.ts': 'builds the fields from the schema',
};

const windowFields = new Set(['start', 'end', 'schedule']);

function isFreeze(type: ts.Type): boolean {
  const candidates = type.isUnion() ? type.types : [type];
  return candidates.some((candidate) => {
    const symbol = candidate.aliasSymbol ?? candidate.getSymbol();
    const declaration = symbol?.declarations?.[0];
    return symbol?.getName() === 'Freeze' && declaration !== undefined
      && path.relative(root, declaration.getSourceFile().fileName) === path.join('src', 'core', 'model.ts');
  });
}

function compilerOptions(): { files: string[]; options: ts.CompilerOptions } {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  assert.ok(config, 'tsconfig.json is readable');
  return { files: config.fileNames.filter((file) => path.relative(root, file).startsWith(`src${path.sep}`)), options: { ...config.options, noEmit: true } };
}

/** `file:line: .field` of every read of a freeze's window fields in `files`, except in the allowed modules. */
function readersOfFreezeWindows(files: readonly string[], options: ts.CompilerOptions, allow: Readonly<Record<string, string>>): string[] {
  const program = ts.createProgram(files, options);
  const checker = program.getTypeChecker();
  const found = new Set<string>();
  for (const source of program.getSourceFiles()) {
    const file = path.relative(root, source.fileName).split(path.sep).join('/');
    if (!file.startsWith('src/') || allow[file] !== undefined) continue;
    const at = (node: ts.Node, field: string): void => {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
      found.add(`${file}:${line + 1}: .${field}`);
    };
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAccessExpression(node) && windowFields.has(node.name.text) && isFreeze(checker.getTypeAtLocation(node.expression))) {
        at(node, node.name.text);
      } else if (ts.isElementAccessExpression(node) && ts.isStringLiteral(node.argumentExpression) && windowFields.has(node.argumentExpression.text)
        && isFreeze(checker.getTypeAtLocation(node.expression))) {
        at(node, node.argumentExpression.text);
      } else if (ts.isObjectBindingPattern(node) && isFreeze(checker.getTypeAtLocation(node))) {
        for (const element of node.elements) {
          const name = element.propertyName ?? element.name;
          if (ts.isIdentifier(name) && windowFields.has(name.text)) at(element, name.text);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return [...found];
}

describe('freeze windows are read by the evaluator only (issue 24)', function () {
  this.timeout(120_000);

  it('no module outside the allow list reads a Freeze\'s start, end or schedule', () => {
    const { files, options } = compilerOptions();
    assert.deepEqual(readersOfFreezeWindows(files, options, allowed), [],
      'ask src/core/evaluate/freezeEvaluator.ts instead (freezeTimingAt, freezeWindowInForce, freezeDeclaration, …)');
  });

  it('the scan sees a read (it can fail): the window arithmetic, scanned without its allowance', () => {
    const { options } = compilerOptions();
    const found = readersOfFreezeWindows([path.join(root, 'src/core/time/freezeClock.ts')], options, {});
    assert.ok(found.some((read) => read.startsWith('src/core/time/freezeClock.ts:') && read.endsWith('.schedule')), found.join('\n'));
    assert.ok(found.some((read) => read.endsWith('.start')) && found.some((read) => read.endsWith('.end')), found.join('\n'));
  });
});

describe('one horizon (issue 24)', () => {
  it('the changeRadar.horizonDays setting defaults to the evaluator\'s one default horizon', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, { default?: unknown }> } | { properties: Record<string, { default?: unknown }> }[] } };
    const configurations = Array.isArray(pkg.contributes.configuration) ? pkg.contributes.configuration : [pkg.contributes.configuration];
    const setting = configurations.map((c) => c.properties['changeRadar.horizonDays']).find((p) => p !== undefined);
    assert.equal(setting?.default, defaultHorizonDays);
    assert.equal(horizonMsOfDays(undefined), defaultHorizonDays * 86_400_000);
    assert.equal(horizonMsOfDays(Number.NaN), defaultHorizonDays * 86_400_000);
    assert.equal(horizonMsOfDays(-3), 0);
    assert.equal(horizonMsOfDays(0.5), 43_200_000);
  });
});
