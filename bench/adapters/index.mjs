// The libraries under test, in the order tables list them. Each adapter's `load()` imports its
// library (so a child process can time the import) and returns the same three functions for
// o200k_base:
//   count(text)                  number of tokens, special-token text treated as ordinary text
//   encode(text)                 token ids as a plain array, same treatment of special-token text
//   encodeSpecial(text, allowed) token ids with the listed special tokens ('all' or a list) allowed
// An adapter may also have `missingReason()`, which returns why it cannot run (or null).
import tokmeter from './tokmeter.mjs';
import tiktoken from './tiktoken.mjs';
import jsTiktoken from './js-tiktoken.mjs';
import gptTokenizer from './gpt-tokenizer.mjs';
import aiTokenizer from './ai-tokenizer.mjs';

export const adapters = [tokmeter, tiktoken, jsTiktoken, gptTokenizer, aiTokenizer];

/** The exact reference every library's ids are compared with. */
export const REFERENCE = 'tiktoken';

export function adapterByName(name) {
  const adapter = adapters.find((a) => a.name === name);
  if (!adapter) throw new Error(`tokmeter bench: no adapter named "${name}"`);
  return adapter;
}
