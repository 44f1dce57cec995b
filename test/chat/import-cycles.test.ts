/**
 * src/chat reads top-down (issue 22, point 8): no file imports, directly or through others, a file
 * that imports it back. Type-only imports count too: a cycle of types is still two files that
 * cannot be read one after the other. The graph is built from the import and export-from
 * statements of every file under src/, and any cycle through a file of src/chat fails.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The files `file` imports: every `from '…'` (import, import type, export … from) and `import '…'` of a relative path. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+'([^']+)'|^\s*import\s+'([^']+)'/gm)].map((m) => m[1] ?? m[2]!);
  return specifiers.filter((s) => s.startsWith('.')).map((s) => resolve(dirname(file), s.replace(/\.js$/, '.ts')));
}

test('no import cycle runs through src/chat', () => {
  const files = sourceFiles(SRC);
  const graph = new Map(files.map((file) => [file, importsOf(file).filter((target) => files.includes(target))]));
  expect(graph.get(join(SRC, 'chat/count-chat.ts'))).toContain(join(SRC, 'chat/harmony.ts')); // the parser sees imports

  const cycles: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const target of graph.get(file) ?? []) {
      if (state.get(target) === 'open') {
        const cycle = [...stack.slice(stack.indexOf(target)), target].map((f) => relative(SRC, f));
        if (cycle.some((f) => f.startsWith('chat/'))) cycles.push(cycle.join(' → '));
      } else if (state.get(target) === undefined) {
        visit(target);
      }
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of files) if (state.get(file) === undefined) visit(file);
  expect(cycles).toEqual([]);
});
