/**
 * Every error the library throws is a TokmeterError with a code from `TokmeterErrorCode`: the
 * sources build no plain Error, TypeError or RangeError, and every code they use is one the union
 * lists (and every code it lists is used). The AssemblyScript kernel (src/bpe/kernel/) compiles to
 * WASM, where errors are traps, and is left out.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { TokmeterError, type TokmeterErrorCode } from '../src/errors.js';

const root = join(import.meta.dirname, '..');
const KERNEL = join('src', 'bpe', 'kernel');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return relative(root, path) === KERNEL ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const sources = sourceFiles(join(root, 'src')).map((path) => ({ file: relative(root, path), text: readFileSync(path, 'utf8') }));

/** A plain built-in error being built: `new Error(`, `TypeError(`, `new RangeError (`. */
const PLAIN_ERROR = /(?<![\w$.])(?:new\s+)?(?:Error|TypeError|RangeError)\s*\(/;

/** `file:line: text` for each line of `text` that builds a plain error, comments left out. */
function plainErrors(file: string, text: string): string[] {
  return text.split('\n').flatMap((line, i) => {
    const code = line.replace(/\/\/.*$/, '');
    const trimmed = code.trim();
    if (trimmed.startsWith('*') || trimmed.startsWith('/*')) return [];
    return PLAIN_ERROR.test(code) ? [`${file}:${i + 1}: ${trimmed}`] : [];
  });
}

/** The codes `TokmeterErrorCode` lists, read from its declaration in src/errors.ts. */
function unionCodes(): string[] {
  const text = readFileSync(join(root, 'src', 'errors.ts'), 'utf8');
  const declaration = /export type TokmeterErrorCode =([\s\S]*?);/.exec(text)?.[1];
  if (declaration === undefined) throw new TokmeterError('INTERNAL', 'src/errors.ts declares no TokmeterErrorCode');
  return [...declaration.replace(/\/\*\*[\s\S]*?\*\//g, '').matchAll(/'([A-Z_]+)'/g)].map((m) => m[1]!);
}

/**
 * Codes written as literals where an error is built: `new TokmeterError('X'` and a subclass's
 * `super('X'`. (Codes carried in other values, such as a worker's RangeFailure or a subclass's
 * table of codes, are typed TokmeterErrorCode, so the compiler checks those.)
 */
function builtCodes(): Map<string, string> {
  const built = new Map<string, string>();
  for (const { file, text } of sources) {
    for (const match of text.matchAll(/(?:new TokmeterError|super)\(\s*'([A-Z][A-Z_]*)'/g)) {
      if (!built.has(match[1]!)) built.set(match[1]!, file);
    }
  }
  return built;
}

/** Whether `code` is written, quoted, anywhere in src/ but its declaration. */
function writtenOutsideErrorsTs(code: string): boolean {
  return sources.some(({ file, text }) => file !== join('src', 'errors.ts') && text.includes(`'${code}'`));
}

describe('typed errors', () => {
  test('the scan finds a plain error where there is one', () => {
    expect(plainErrors('x.ts', "throw new Error('no');\nthrow TypeError(`no`);\nreject(new RangeError ('no'));")).toHaveLength(3);
    expect(plainErrors('x.ts', "throw new TokmeterError('INTERNAL', 'x');\nif (error instanceof Error) throw error;\n// new Error( in a comment\n * new Error( in a doc comment")).toEqual([]);
  });

  test(`no source file outside ${KERNEL} builds a plain Error, TypeError or RangeError`, () => {
    const found = sources.flatMap(({ file, text }) => plainErrors(file, text));
    expect(found, 'throw a TokmeterError (src/errors.ts) with a code, or internalError() for a broken invariant').toEqual([]);
  });

  test('every code the sources use is in TokmeterErrorCode, and every code there is used', () => {
    const listed = unionCodes();
    const built = builtCodes();
    expect(listed.length).toBeGreaterThan(10);
    expect([...built.keys()].filter((code) => !listed.includes(code)).map((code) => `${code} (${built.get(code)})`)).toEqual([]);
    const unused = listed.filter((code) => !built.has(code) && !writtenOutsideErrorsTs(code));
    expect(unused, 'a code no source uses: remove it from TokmeterErrorCode').toEqual([]);
  });

  test('a code outside the union does not compile', () => {
    // @ts-expect-error a misspelt code is a type error (npm run typecheck fails if the union ever widens to string)
    const error = new TokmeterError('INVALID_ARGUMNET', 'x');
    const code: TokmeterErrorCode = error.code;
    expect(code).toBe('INVALID_ARGUMNET');
  });
});
