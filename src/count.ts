import { InvalidArgumentError } from './errors.js';
import type { EncodeOptions } from './encode-options.js';
import { encodingForModel, getEncoding } from './encodings/registry.js';
import type { EncodingName } from './encodings/specs.js';
import type { Encoding } from './encoding.js';

export interface CountOptions extends EncodeOptions {
  /**
   * The model whose encoding to use, resolved by prefix (`gpt-4o-2024-08-06` → o200k_base).
   *
   * @default 'gpt-4o'
   */
  readonly model?: string;
  /** The encoding to use instead of a model's. Give `model` or `encoding`, not both. */
  readonly encoding?: EncodingName | 'gpt2';
}

/** The encoding that `options` select: `encoding`, else `model`'s, else gpt-4o's (o200k_base). */
export function selectEncoding(options: { readonly model?: string; readonly encoding?: EncodingName | 'gpt2' } | undefined): Encoding {
  if (options === undefined) return getEncoding('o200k_base');
  if (options.encoding !== undefined && options.model !== undefined) {
    throw new InvalidArgumentError('options', `gives both model (${JSON.stringify(options.model)}) and encoding (${JSON.stringify(options.encoding)}); give one of them.`);
  }
  if (options.encoding !== undefined) return getEncoding(options.encoding);
  if (options.model !== undefined) return encodingForModel(options.model);
  return getEncoding('o200k_base');
}

/**
 * The number of tokens in `text` for a model (default gpt-4o) or an encoding. Special-token text
 * counts as ordinary text unless `allowedSpecial` says otherwise.
 *
 * @example countTokens('hello world') // 2
 * @example countTokens('hello world', { model: 'gpt-3.5-turbo' }) // 2
 */
export function countTokens(text: string, options?: CountOptions): number {
  const encoding = selectEncoding(options);
  if (options === undefined || (options.allowedSpecial === undefined && options.disallowedSpecial === undefined)) {
    return encoding.count(text);
  }
  const { allowedSpecial, disallowedSpecial } = options;
  return encoding.count(text, { ...(allowedSpecial && { allowedSpecial }), ...(disallowedSpecial && { disallowedSpecial }) });
}
