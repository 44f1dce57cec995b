// Exactness: every library's token ids against tiktoken's (the WASM build of OpenAI's own Rust core),
// document by document, plus the known traps from shared/docs/tokenizer-facts.md.
import { showText } from './report.mjs';

/**
 * The traps. `documented` is the id list the facts sheet gives for the case, where it gives one: the
 * run checks that the reference itself still agrees with it before judging anyone against it.
 */
export const TRAPS = [
  { name: 'BOM inside a word', text: 'a\uFEFF\uFEFF!', mode: 'encode', documented: [64, 135153, 0] },
  { name: 'BOM before a space', text: 'a\uFEFF b', mode: 'encode', documented: [64, 5574, 287] },
  { name: 'leading BOM', text: '\uFEFFhello world', mode: 'encode' },
  { name: 'lone surrogate', text: 'x\uD800y', mode: 'encode' },
  { name: 'special token mid-text, all specials allowed', text: 'hello <|endoftext|> world', mode: 'special', allowed: 'all', documented: [24912, 220, 199999, 2375] },
  { name: 'special token mid-text, allowed by name', text: 'hello <|endoftext|> world', mode: 'special', allowed: ['<|endoftext|>'], documented: [24912, 220, 199999, 2375] },
  { name: 'special-token text counted as ordinary text', text: 'hello <|endoftext|> world', mode: 'count' },
];

const sameIds = (a, b) => a.length === b.length && a.every((id, i) => id === b[i]);

const firstDifference = (expected, actual) => {
  let i = 0;
  while (i < expected.length && i < actual.length && expected[i] === actual[i]) i++;
  return i;
};

function runTrap(lib, trap) {
  if (trap.mode === 'encode') return lib.encode(trap.text);
  if (trap.mode === 'special') return lib.encodeSpecial(trap.text, trap.allowed);
  return lib.count(trap.text);
}

const describe = (value) => (Array.isArray(value) ? `[${value.join(',')}]` : String(value));

/** Run every trap on every loaded library; returns one row per trap. */
export function checkTraps(loaded, reference) {
  return TRAPS.map((trap) => {
    const expected = runTrap(reference, trap);
    const referenceAgrees = !trap.documented || sameIds(expected, trap.documented);
    const results = {};
    for (const [name, lib] of loaded) {
      try {
        const actual = runTrap(lib, trap);
        const ok = Array.isArray(expected) ? sameIds(expected, actual) : expected === actual;
        results[name] = { ok, actual: describe(actual) };
      } catch (error) {
        results[name] = { ok: false, actual: `throws: ${String(error.message).slice(0, 60)}` };
      }
    }
    return { name: trap.name, text: showText(trap.text), mode: trap.mode, allowed: trap.allowed, expected: describe(expected), referenceAgrees, results };
  });
}

/** Compare one library with the reference on every document of a corpus (ids and counts). */
export function checkCorpus(lib, docs, referenceIds, decode) {
  const result = { docs: docs.length, encodeMismatches: 0, countMismatches: 0, tokens: 0, referenceTokens: 0, firstMismatch: null };
  for (let d = 0; d < docs.length; d++) {
    const expected = referenceIds[d];
    result.referenceTokens += expected.length;
    let ids;
    let count;
    try {
      ids = lib.encode(docs[d]);
      count = lib.count(docs[d]);
    } catch (error) {
      result.error = `doc ${d} throws: ${String(error.message).slice(0, 80)}`;
      return result;
    }
    result.tokens += count;
    if (count !== expected.length) result.countMismatches++;
    if (!sameIds(expected, ids)) {
      result.encodeMismatches++;
      if (!result.firstMismatch) {
        const at = firstDifference(expected, ids);
        result.firstMismatch = {
          doc: d,
          tokenIndex: at,
          expected: expected.slice(at, at + 4),
          actual: ids.slice(at, at + 4),
          text: decode(expected.slice(Math.max(0, at - 2), at + 3)),
        };
      }
    }
  }
  return result;
}

/** Bytes of each adversarial input checked for exactness (the quadratic libraries need seconds at 4 KB). */
export const ADVERSARIAL_PREFIX_BYTES = 4096;

/** Ids of one text against the reference's: `{ ok, tokens }` or the first difference, or the error. */
export function checkText(lib, text, expected) {
  let ids;
  try {
    ids = lib.encode(text);
  } catch (error) {
    return { ok: false, error: String(error.message).slice(0, 80) };
  }
  if (sameIds(expected, ids)) return { ok: true, tokens: ids.length };
  const at = firstDifference(expected, ids);
  return { ok: false, tokens: ids.length, tokenIndex: at, expected: expected.slice(at, at + 4), actual: ids.slice(at, at + 4) };
}
