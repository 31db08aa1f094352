/**
 * What `dist/cli-extra.js` holds: the commands a commit never runs (write actions, init, coverage,
 * the deploy gate and the Argo CD / GitLab exports, `check --window`'s planned-window judgement,
 * and the calendar writer with its iCalendar library). A command description names its handler
 * here (`inExtraBundle('runInit')`, commands/commandSpec.ts), and runCli requires this bundle only
 * when one of them runs, so the hooks read less on every commit. Errors thrown here reach runCli,
 * which recognises them by brand and code (core/radarError.ts), not by this bundle's copy of a class.
 */
export { writeCalendar } from './calendarCommand';
export { runCoverage } from './coverageCommand';
export { runEdit } from './editCommands';
export { runInit } from './initCommand';
export { runExport } from './exportCommand';
export { plannedWindowCheck, runGate, windowStart } from './gateCommand';
export { runExtends } from './extendsCommand';
export { runChanges } from './changesCommand';
