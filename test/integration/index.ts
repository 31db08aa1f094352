// The extensionTestsPath entry: VS Code loads the bundle of this file inside the extension host and
// calls run(). It runs every bundled suite of one folder (out/test/integration/<suiteDir>/*.test.js,
// `suite` unless the run config names another) with mocha.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type MochaType from 'mocha';
import * as vscode from 'vscode';
import { SummaryReporter } from '../support/summaryReporter';
import { readRunConfig } from './runConfig';

// SummaryReporter listens to the runner itself instead of extending mocha's Base (which would pull
// mocha into the bundle); mocha only needs something it can construct with the runner.
const reporterConstructor = SummaryReporter as unknown as MochaType.ReporterConstructor;

export async function run(): Promise<void> {
  // Stack traces of failing tests point into the TypeScript sources (the bundles carry inline maps).
  process.setSourceMapsEnabled(true);
  const config = readRunConfig(__dirname);
  // Mocha stays out of the bundle and is loaded from the project's node_modules by absolute path.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Mocha = require(path.join(config.repoRoot, 'node_modules', 'mocha')) as typeof MochaType;
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: config.timeoutMs ?? 30_000, reporter: reporterConstructor });
  if (config.grep) mocha.grep(config.grep);
  for (const file of suiteFiles(path.join(__dirname, config.suiteDir ?? 'suite'))) mocha.addFile(file);
  for (const file of config.extraFiles ?? []) mocha.addFile(file);
  console.log(`Running in VS Code ${vscode.version}, extension host on Node ${process.versions.node}`);
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} integration test(s) failed`);
}

function suiteFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((name) => name.endsWith('.test.js')).sort().map((name) => path.join(dir, name));
}

