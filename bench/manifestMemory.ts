/**
 * Child process of case 3: loads one manifest and prints its memory cost as JSON.
 * Run with --expose-gc so the baseline and the retained size are measured after a full collection.
 */
import * as fs from 'fs';
import { loadModel } from './cases/manifestLoad';

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const mib = (bytes: number): number => bytes / 2 ** 20;

const yaml = fs.readFileSync(process.argv[2], 'utf8');
gc();
const before = process.memoryUsage();
const model = loadModel(yaml);
const peakRss = process.resourceUsage().maxRSS * 1024;
gc();
const after = process.memoryUsage();
console.log(JSON.stringify({
  rssMiB: mib(peakRss - before.rss),
  heapRetainedMiB: mib(after.heapUsed - before.heapUsed),
  systems: model.manifest.systems.length,
}));
