import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { expect, it } from 'vitest';
import { getEncoding } from '../src/index.js';

// A very long piece grows the tokenizer's scratch arrays to its length (about 13 bytes a byte);
// they must be given back when it is done, not held by the process for good (they were: 118 MB
// after one count of 4 Mi letters). Test files run in their own processes (pool: 'forks'), so the
// process's array buffers are this file's alone.

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function arrayBuffersAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().arrayBuffers;
}

it('gives back the scratch a 2 MB piece grew once the piece is counted', () => {
  const encoding = getEncoding('o200k_base');
  encoding.count('warm up the caches, short pieces only');
  const before = arrayBuffersAfterGc();
  for (const letter of ['a', 'ab', ' ']) expect(encoding.count(letter.repeat(2 * 1024 * 1024 / letter.length))).toBeGreaterThan(1000);
  const kept = arrayBuffersAfterGc() - before;
  expect(kept).toBeLessThan(8 * 1024 * 1024);
});
