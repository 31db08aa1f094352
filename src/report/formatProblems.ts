import { escapeText } from './escape';
import type { Problem } from '../core/problem';

/** `file:line:col: severity code: message`, one-based as compilers print it. */
export function formatProblem(problem: Problem): string {
  const { line, column } = problem.range.start;
  // The file name and message quote manifest text: escaped for a terminal (report/escape.ts).
  return `${escapeText(problem.file)}:${line + 1}:${column + 1}: ${problem.severity} ${escapeText(problem.code)}: ${escapeText(problem.message)}`;
}

export function formatProblems(problems: readonly Problem[]): string {
  return problems.map((p) => formatProblem(p) + '\n').join('');
}

/** In file and position order, as a compiler lists them (the sort is stable for equal positions). */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort((a, b) =>
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)
    || a.range.start.line - b.range.start.line
    || a.range.start.column - b.range.start.column);
}
