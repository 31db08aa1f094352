import { calendarCommand } from './calendarCommand';
import { checkCommand } from './checkCommand';
import { coverageCommand } from './coverageCommand';
import { exportCommand, gateCommand } from './deployCommands';
import { extendsCommand } from './extendsCommand';
import { changesCommand } from './changesCommand';
import { explainCommand } from './explainCommand';
import { hookCommand } from './hookCommand';
import { initCommand } from './initCommand';
import { statusCommand } from './statusCommand';
import { validateCommand } from './validateCommand';
import { freezeCommand, incidentCommand, milestoneCommand, overrideCommand } from './writeActionCommands';

/**
 * Every CLI command, one line each, in the order of `help` (and of "expected one of ..."). Parsing,
 * help and dispatch are derived from this list. A new command: a module beside these describing
 * it (commandSpec.ts), and its line here (docs/architecture.md, "Where to put a new CLI command").
 */
export const cliCommands = [
  checkCommand,
  explainCommand,
  statusCommand,
  validateCommand,
  calendarCommand,
  hookCommand,
  incidentCommand,
  freezeCommand,
  overrideCommand,
  milestoneCommand,
  initCommand,
  coverageCommand,
  gateCommand,
  exportCommand,
  extendsCommand,
  changesCommand,
] as const;
