import type { PieceTooLongError } from '../stream/errors.js';
import { InputError } from './errors.js';

/** What a command was doing to the input, and the in-memory call that does it anyway. */
const VERBS = {
  count: { verb: 'count', instead: "count the whole text in memory with the library's getEncoding(name).count(text)" },
  split: { verb: 'split', instead: "split the whole text in memory with the library's splitByTokens(text, { maxTokens })" },
} as const;

/**
 * A run with no safe cut in more than UNCUT_LIMIT characters (PIECE_TOO_LONG), as an input error
 * naming the input and the way out, so the other inputs of a run still go on: the library's
 * message speaks of "the text from character N", which a command-line user cannot place.
 */
export function uncutInput(name: string, error: PieceTooLongError, doing: keyof typeof VERBS): InputError {
  const { verb, instead } = VERBS[doing];
  const at = error.place.kind === 'text' ? `character ${error.place.character.toLocaleString('en-US')}` : `byte ${error.place.byte.toLocaleString('en-US')}`;
  const reason =
    `from ${at} on, more than ${error.limit.toLocaleString('en-US')} characters in a row cannot be cut without changing their tokens ` +
    `(one run of whitespace, punctuation, letters or digits), so it cannot be ${verb === 'count' ? 'counted' : 'split'} in constant memory (PIECE_TOO_LONG); ` +
    `break the run up (with line breaks, say), or ${instead}`;
  return new InputError(`cannot ${verb} ${name}: ${reason}.`, { path: name, reason, cause: error });
}
