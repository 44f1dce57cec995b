import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, root, tokmeter } from './cli.js';

// The README's examples are real runs. Those that read no repository file (which other work
// changes) are run again here and must print exactly what the README shows, stderr first.

interface Example {
  command: string;
  args: string[];
  input: string;
  output: string;
}

function examples(markdown: string): Example[] {
  const found: Example[] = [];
  // A block inside a list item is indented; its lines lose the fence's indentation.
  for (const block of markdown.matchAll(/^( *)```console\n([\s\S]*?)^\1```$/gm)) {
    const indent = block[1]!.length;
    const lines = block[2]!.split('\n').map((line) => line.slice(indent));
    let current: Example | undefined;
    for (const line of lines) {
      const piped = /^\$ echo '([^']*)' \| tokmeter (.*)$/.exec(line);
      const plain = /^\$ tokmeter (.*)$/.exec(line);
      if (piped !== null || plain !== null) {
        current = { command: line, args: (piped?.[2] ?? plain![1]!).split(' '), input: piped === null ? '' : `${piped[1]}\n`, output: '' };
        found.push(current);
      } else if (current !== undefined) {
        current.output += `${line}\n`;
      }
    }
  }
  return found;
}

const readme = readFileSync(join(root, 'README.md'), 'utf8');
const all = examples(readme);
const stable = all.filter((example) => !/\b(src|bench|encodings)\//.test(example.command));

beforeAll(ensureBuilt, 180_000);

describe('README.md command-line examples', () => {
  it('has an example of every command', () => {
    const commands = new Set(all.map((example) => example.args[0]));
    expect([...commands].sort()).toEqual(['cost', 'count', 'estimate', 'fit', 'memory', 'models', 'split']);
    expect(stable.length).toBeGreaterThanOrEqual(10);
  });

  it.each(stable.map((example) => [example.command, example] as const))('%s', (_command, example) => {
    const result = tokmeter(example.args, { input: example.input });
    expect(result.stderr + result.stdout).toBe(example.output.trimEnd() + '\n');
  });
});
