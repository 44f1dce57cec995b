import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ENCODING_NAMES, getEncoding } from '../src/index.js';
import { asciiText, mixedText } from './support/arbitraries.js';
import { oracle } from './support/oracle.js';

// Token ids, compared with the npm tiktoken package (the exact reference) on generated strings and
// on real text. fast-check prints the seed and the shrunk counterexample of any failure; replay it
// with fc.assert(..., { seed, path }).

const RUNS = Number(process.env['TOKMETER_FC_RUNS'] ?? 250);

describe.each(ENCODING_NAMES)('%s matches tiktoken', (name) => {
  const encoding = getEncoding(name);
  const reference = oracle(name);

  it('on generated strings, special-token text as ordinary text', () => {
    fc.assert(
      fc.property(mixedText, (text) => {
        expect(encoding.encode(text)).toEqual(reference.encodeOrdinary(text));
      }),
      { numRuns: RUNS },
    );
  });

  it('on generated code-like ASCII', () => {
    fc.assert(
      fc.property(asciiText, (text) => {
        expect(encoding.encode(text)).toEqual(reference.encodeOrdinary(text));
      }),
      { numRuns: RUNS },
    );
  });

  it("on generated strings, with allowedSpecial: 'all'", () => {
    fc.assert(
      fc.property(mixedText, (text) => {
        expect(encoding.encode(text, { allowedSpecial: 'all' })).toEqual(reference.encodeAllSpecial(text));
      }),
      { numRuns: RUNS },
    );
  });

  it('on real text: prose, code and thirteen languages', () => {
    for (const [label, text] of realTexts()) {
      const ours = encoding.encode(text);
      const theirs = reference.encodeOrdinary(text);
      // Compare in full, but report the first difference rather than two huge arrays.
      const first = ours.findIndex((id, i) => id !== theirs[i]);
      expect({ label, length: ours.length, firstDifference: first }).toEqual({ label, length: theirs.length, firstDifference: -1 });
    }
  });
});

/** Real text from files the repository already has: its README and notes (English), TypeScript's lib declarations (code) and its localized diagnostics (cs, de, es, fr, it, ja, ko, pl, pt-br, ru, tr, zh-cn, zh-tw). */
function realTexts(): [string, string][] {
  const texts: [string, string][] = [];
  const root = join(__dirname, '..');
  for (const file of ['README.md', 'src/bpe/PERFORMANCE.md', 'bench/README.md']) texts.push([file, readFileSync(join(root, file), 'utf8')]);
  const tsLib = dirname(createRequire(import.meta.url).resolve('typescript/lib/lib.d.ts'));
  for (const file of ['lib.es5.d.ts', 'lib.dom.iterable.d.ts', 'typescript.d.ts']) {
    texts.push([`typescript/lib/${file}`, readFileSync(join(tsLib, file), 'utf8').slice(0, 300_000)]);
  }
  for (const locale of readdirSync(tsLib, { withFileTypes: true })) {
    if (!locale.isDirectory()) continue;
    const messages = JSON.parse(readFileSync(join(tsLib, locale.name, 'diagnosticMessages.generated.json'), 'utf8')) as Record<string, string>;
    texts.push([`typescript diagnostics (${locale.name})`, Object.values(messages).slice(0, 800).join('\n')]);
  }
  return texts;
}
