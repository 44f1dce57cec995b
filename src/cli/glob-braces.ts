import { UsageError } from './errors.js';

/** The longest pattern accepted, in characters. */
export const MAX_PATTERN_LENGTH = 4096;
/** The most alternatives `{…}` groups may expand to. */
export const MAX_ALTERNATIVES = 1024;
/** The deepest `{…}` nesting accepted. */
export const MAX_BRACE_DEPTH = 16;

export function tooComplex(pattern: string, why: string): UsageError {
  const shown = pattern.length > 60 ? `${pattern.slice(0, 60)}…` : pattern;
  return new UsageError(`the glob ${JSON.stringify(shown)} ${why}; write it as several simpler patterns.`, 'count');
}

/** A `{…}` group's choices, split at its top-level commas; `end` is the index of its `}`. */
function braceGroup(pattern: string, open: number): { choices: string[]; end: number } | undefined {
  const choices: string[] = [];
  let depth = 0;
  let start = open + 1;
  for (let i = open + 1; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '\\') i++;
    else if (char === '{') depth++;
    else if (char === '}' && depth > 0) depth--;
    else if (char === ',' && depth === 0) {
      choices.push(pattern.slice(start, i));
      start = i + 1;
    } else if (char === '}') {
      choices.push(pattern.slice(start, i));
      return choices.length > 1 ? { choices, end: i } : undefined;
    }
  }
  return undefined;
}

/**
 * `{a,b}` alternatives expanded into separate patterns, left to right, nested groups too
 * (`{src,test/{a,b}}/*.ts`). A `{` without a matching `}` or without a comma is literal. Throws a
 * `UsageError` past `MAX_ALTERNATIVES`, `MAX_BRACE_DEPTH` or `MAX_PATTERN_LENGTH`.
 */
export function expandBraces(pattern: string, depth = 0): string[] {
  if (pattern.length > MAX_PATTERN_LENGTH) throw tooComplex(pattern, `is longer than ${MAX_PATTERN_LENGTH} characters`);
  if (depth > MAX_BRACE_DEPTH) throw tooComplex(pattern, `nests {…} groups more than ${MAX_BRACE_DEPTH} deep`);
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '\\') {
      i++;
      continue;
    }
    if (pattern[i] !== '{') continue;
    const group = braceGroup(pattern, i);
    if (group === undefined) continue;
    const before = pattern.slice(0, i);
    const rests = expandBraces(pattern.slice(group.end + 1), depth);
    const out = new Set<string>();
    for (const choice of group.choices) {
      for (const inner of expandBraces(choice, depth + 1)) {
        for (const rest of rests) {
          out.add(before + inner + rest);
          if (out.size > MAX_ALTERNATIVES) throw tooComplex(pattern, `expands to more than ${MAX_ALTERNATIVES} alternatives`);
        }
      }
    }
    return [...out];
  }
  return [pattern];
}
