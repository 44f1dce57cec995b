/**
 * How the API frames each message, per model family. Data, not code: each record says where its
 * numbers come from. The first record whose `models` pattern matches the model id wins.
 */
import { baseModelId } from '../encodings/models.js';
import { internalError } from '../errors.js';

export interface MessageFormat {
  /** Model ids this record covers: an exact id, or a prefix ending in `*`. */
  readonly models: readonly string[];
  /** Tokens added for every message (`<|start|>`, the role separator, `<|end|>`). */
  readonly tokensPerMessage: number;
  /** Tokens added when a message has a `name` (negative when the name replaces the role). */
  readonly tokensPerName: number;
  /** Tokens that prime the reply: `<|start|>assistant<|message|>`. */
  readonly replyPriming: number;
  readonly source: string;
}

export const MESSAGE_FORMATS: readonly MessageFormat[] = [
  {
    models: ['gpt-3.5-turbo-0301'],
    tokensPerMessage: 4,
    tokensPerName: -1,
    replyPriming: 3,
    source:
      'openai/openai-cookbook How_to_count_tokens_with_tiktoken.ipynb (2023): "every message follows ' +
      '<|start|>{role/name}\\n{content}<|end|>\\n"; "if there\'s a name, the role is omitted"; API-observed 127',
  },
  {
    models: ['*'],
    tokensPerMessage: 3,
    tokensPerName: 1,
    replyPriming: 3,
    source:
      'openai/openai-cookbook How_to_count_tokens_with_tiktoken.ipynb (current): tokens_per_message = 3, ' +
      'tokens_per_name = 1 for gpt-3.5-turbo-0613+, gpt-4*, gpt-4o*; API-observed 129 (cl100k) / 124 (o200k)',
  },
];

function matches(pattern: string, model: string): boolean {
  return pattern.endsWith('*') ? model.startsWith(pattern.slice(0, -1)) : model === pattern;
}

/** The message framing for a model id (every id matches the catch-all record). */
export function messageFormatFor(model: string): MessageFormat {
  const id = baseModelId(model);
  for (const format of MESSAGE_FORMATS) {
    if (format.models.some((pattern) => matches(pattern, id))) return format;
  }
  // The table ends with a catch-all; reaching here means the table was edited wrongly.
  throw internalError(`MESSAGE_FORMATS has no catch-all record (model ${model})`);
}
