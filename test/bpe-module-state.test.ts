/**
 * The encode path keeps no state at module level: caches, scratch and the call in progress are a
 * rank table's workspace (src/bpe/workspace.ts), handed down the path. What a module of the core may
 * hold at its top level is constants, and constants made once on first use that never change after
 * (lookup tables, the compiled WebAssembly module); each of those is listed here with why. A new `let`, or a top-level collection or typed
 * array that calls could write, fails this test. (The AssemblyScript kernel's globals are left out:
 * each WebAssembly instance has its own, one instance per workspace.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';

const root = join(import.meta.dirname, '..');

/** `file: names` allowed, each a constant made once on first use (a lookup table, the compiled module), or a setting. */
const ALLOWED: Record<string, readonly string[]> = {
  // The 64 KB class table and the astral runs, built from the generated runs on first use.
  'src/bpe/char-class.ts': ['bmp', 'astralStarts', 'astralClasses'],
  // DeepSeek's punctuation table and its astral runs, built the same way.
  'src/bpe/split-deepseek-v3.ts': ['bmpPunctuation', 'astralStarts', 'astralEnds'],
  // The WebAssembly module, compiled on first use (or null where the runtime forbids it, asked once);
  // and whether the loop may run (TOKMETER_WASM=0, and tests comparing the two loops): a setting.
  'src/bpe/byte-kernel.ts': ['compiled', 'enabled'],
  // Each split pattern's rule table compiled for the interpreter, on its first use.
  'src/bpe/split-rules-scan.ts': ['COMPILED'],
};

/** A top-level `let`/`var`, or a top-level `const` made a Map, Set, WeakMap or typed array. */
const MUTABLE = /^(?:export\s+)?(?:(?:let|var)\s+(\w+)|const\s+(\w+)(?:\s*:[^=]+)?\s*=\s*new\s+(?:Map|Set|WeakMap|WeakSet|(?:Ui|I)nt(?:8|16|32)Array|Uint8ClampedArray|Float(?:32|64)Array|Big(?:Ui|I)nt64Array|Array)\b)/;

function topLevelState(file: string): string[] {
  return readFileSync(join(root, file), 'utf8')
    .split('\n')
    .flatMap((line) => {
      const match = MUTABLE.exec(line);
      return match === null ? [] : [match[1] ?? match[2]!];
    });
}

test('src/bpe and src/encoding.ts hold no module-level state but the lookup tables and the setting listed', () => {
  const files = [
    ...readdirSync(join(root, 'src', 'bpe'))
      .filter((name) => name.endsWith('.ts'))
      .map((name) => `src/bpe/${name}`),
    'src/encoding.ts',
  ];
  const found = Object.fromEntries(files.map((file) => [file, topLevelState(file)]).filter(([, names]) => names!.length > 0));
  expect(found).toEqual(ALLOWED);
});
