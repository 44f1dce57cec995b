#!/usr/bin/env node
// Re-runs every `$ tokmeter …` example in README.md's console blocks against the built CLI
// (dist/cli.js) and writes what it printed (stderr, then stdout) back under the command, so the
// README shows real output. Run after `npm run build`:
//
//   node scripts/update-readme-examples.mjs
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = mkdtempSync(join(tmpdir(), 'tokmeter-bin-'));
writeFileSync(join(bin, 'tokmeter'), `#!/bin/sh\nexec node ${JSON.stringify(join(root, 'dist', 'cli.js'))} "$@"\n`);
chmodSync(join(bin, 'tokmeter'), 0o755);

function run(command) {
  try {
    // 2>&1 after stderr is captured first: run stderr and stdout separately, then join them.
    const stderrFile = join(bin, 'stderr');
    const stdout = execFileSync('bash', ['-c', `${command} 2>${JSON.stringify(stderrFile)}`], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, NO_COLOR: '1' },
    });
    return readFileSync(stderrFile, 'utf8') + stdout;
  } catch (error) {
    return readFileSync(join(bin, 'stderr'), 'utf8') + (error.stdout ?? '');
  }
}

const lines = readFileSync(join(root, 'README.md'), 'utf8').split('\n');
const out = [];
let inConsole = false;
let indent = '';
for (let i = 0; i < lines.length; i++) {
  const line = lines[i];
  const fence = line.match(/^(\s*)```(\w*)$/);
  if (fence && !inConsole && fence[2] === 'console') {
    inConsole = true;
    indent = fence[1];
    out.push(line);
    continue;
  }
  if (fence && inConsole) {
    inConsole = false;
    out.push(line);
    continue;
  }
  if (inConsole && line.startsWith(`${indent}$ `) && line.includes('tokmeter')) {
    out.push(line);
    const printed = run(line.slice(indent.length + 2)).replace(/\n$/, '');
    for (const printedLine of printed.split('\n')) out.push(printedLine === '' ? '' : indent + printedLine);
    // skip the old output, up to the next command or the end of the block
    while (i + 1 < lines.length && !lines[i + 1].startsWith(`${indent}$ `) && !/^\s*```$/.test(lines[i + 1])) i++;
    continue;
  }
  out.push(line);
}
writeFileSync(join(root, 'README.md'), out.join('\n'));
rmSync(bin, { recursive: true, force: true });
console.log('README.md examples updated');
