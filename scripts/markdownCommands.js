#!/usr/bin/env node
// Shell commands from the fenced blocks of a Markdown file whose info string carries a tag:
// ```sh quick-start  (the README's quick start, which .ci/run runs as written)
// ```sh setup        (the README's one-time system packages line, which .ci/run runs too)
// ```sh runnable     (doc commands that the docs test runs in a temporary clone)
// The docs and CI read the same text, so neither can change without the other.
//
//   node scripts/markdownCommands.js README.md quick-start          one command per line; exit 1 when no such block
//   node scripts/markdownCommands.js README.md quick-start --null   each command followed by a NUL (for bash's mapfile -d '')
const fs = require('node:fs');

/**
 * Every fenced block tagged `tag` (the info string is `<language> <tag>…`), in order, with its
 * commands: one per line, `\`-continued lines joined, blank lines and `#` comment lines skipped.
 * A block may start with `# cwd: <dir>` to say where its commands run (relative to the repository).
 * @returns {{ line: number, cwd?: string, commands: { line: number, text: string }[] }[]}
 */
function markdownBlocks(markdown, tag) {
  const lines = markdown.split(/\r?\n/);
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([^`\s]*)\s*(.*)$/.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, , rest] = open;
    const tags = rest.trim().split(/\s+/).filter(Boolean);
    const end = lines.findIndex((text, index) => index > i && text.trim().startsWith(fence) && text.trim().replace(/[`~]/g, '') === '');
    const close = end === -1 ? lines.length : end;
    if (tags.includes(tag)) {
      const block = { line: i + 1, commands: [] };
      let pending;
      for (let j = i + 1; j < close; j++) {
        const text = lines[j].startsWith(indent) ? lines[j].slice(indent.length) : lines[j];
        const cwd = /^#\s*cwd:\s*(\S+)\s*$/.exec(text.trim());
        if (cwd && block.commands.length === 0 && !pending) {
          block.cwd = cwd[1];
          continue;
        }
        if (!pending && (text.trim() === '' || text.trim().startsWith('#'))) continue;
        const current = pending ? { line: pending.line, text: `${pending.text}\n${text}` } : { line: j + 1, text };
        if (/\\$/.test(text)) {
          pending = current;
        } else {
          block.commands.push(current);
          pending = undefined;
        }
      }
      if (pending) block.commands.push(pending);
      blocks.push(block);
    }
    i = close;
  }
  return blocks;
}

/** The commands of the single block tagged `tag`; throws with a clear message when there is none. */
function requiredCommands(markdown, tag, file) {
  const blocks = markdownBlocks(markdown, tag);
  if (blocks.length === 0) {
    throw new Error(`${file} has no \`\`\`sh ${tag} block: CI runs the commands of that block exactly as written, so it must exist`);
  }
  if (blocks.length > 1) throw new Error(`${file} has ${blocks.length} \`\`\`sh ${tag} blocks (lines ${blocks.map((b) => b.line).join(', ')}); expected one`);
  if (blocks[0].commands.length === 0) throw new Error(`${file}:${blocks[0].line}: the \`\`\`sh ${tag} block has no commands`);
  return blocks[0].commands.map((command) => command.text);
}

if (require.main === module) {
  const [file, tag, option] = process.argv.slice(2);
  if (!file || !tag) {
    console.error('usage: node scripts/markdownCommands.js FILE TAG');
    process.exit(2);
  }
  try {
    const commands = requiredCommands(fs.readFileSync(file, 'utf8'), tag, file);
    process.stdout.write(option === '--null' ? commands.map((command) => `${command}\0`).join('') : commands.map((command) => `${command}\n`).join(''));
  } catch (error) {
    console.error(`markdownCommands: ${error.message}`);
    process.exit(1);
  }
}

module.exports = { markdownBlocks, requiredCommands };
