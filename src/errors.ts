/**
 * Every error tokmeter throws is a `TokmeterError`: its message starts with `tokmeter:`, says what
 * was wrong and how to fix it, and `code` tells the cases apart without parsing the message.
 */
export class TokmeterError extends Error {
  override name = 'TokmeterError';
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(`tokmeter: ${message}`, options);
    this.code = code;
  }
}

/** An argument has the wrong type or an impossible value. `field` names it (`options.limit`, `tokens[3]`). */
export class InvalidArgumentError extends TokmeterError {
  override name = 'InvalidArgumentError';
  readonly field: string;

  constructor(field: string, message: string, options?: { cause?: unknown }) {
    super('INVALID_ARGUMENT', `${field} ${message}`, options);
    this.field = field;
  }
}

/** An encoding name tokmeter does not know. */
export class UnknownEncodingError extends TokmeterError {
  override name = 'UnknownEncodingError';
  readonly encoding: string;
  readonly suggestions: readonly string[];

  constructor(encoding: string, known: readonly string[], suggestions: readonly string[]) {
    super(
      'UNKNOWN_ENCODING',
      `unknown encoding ${JSON.stringify(encoding)}.` +
        (suggestions.length > 0 ? ` Did you mean ${suggestions.map((s) => JSON.stringify(s)).join(' or ')}?` : '') +
        ` Known encodings: ${known.join(', ')}.`,
    );
    this.encoding = encoding;
    this.suggestions = suggestions;
  }
}

/** A model id that no rule or catalog entry matches. */
export class UnknownModelError extends TokmeterError {
  override name = 'UnknownModelError';
  readonly model: string;
  readonly suggestions: readonly string[];

  constructor(model: string, suggestions: readonly string[], hint: string) {
    const shown = model.length > 200 ? `${model.slice(0, 200)}…` : model; // the message quotes the id, not a megabyte of it
    super(
      'UNKNOWN_MODEL',
      `unknown model ${JSON.stringify(shown)}.` +
        (suggestions.length > 0 ? ` Did you mean ${suggestions.map((s) => JSON.stringify(s)).join(', ')}?` : '') +
        ` ${hint}`,
    );
    this.model = model;
    this.suggestions = suggestions;
  }
}

/** The text contains special-token text that the caller asked to reject. */
export class DisallowedSpecialTokenError extends TokmeterError {
  override name = 'DisallowedSpecialTokenError';
  readonly token: string;
  readonly index: number;

  constructor(token: string, index: number) {
    super(
      'DISALLOWED_SPECIAL_TOKEN',
      `the text contains the special token ${JSON.stringify(token)} at index ${index}, and disallowedSpecial rejects it. ` +
        `To encode it as its special id pass { allowedSpecial: [${JSON.stringify(token)}] } (or 'all'); ` +
        `to encode it as ordinary text leave disallowedSpecial unset.`,
    );
    this.token = token;
    this.index = index;
  }
}

/**
 * A special token passed in `extraSpecialTokens` that cannot be added: its id is already a token
 * of the vocabulary, or another special token already has its id or its text.
 */
export class SpecialTokenConflictError extends TokmeterError {
  override name = 'SpecialTokenConflictError';
  /** `options.extraSpecialTokens["<|im_start|>"]`, or the token's key in the positional form. */
  readonly field: string;
  readonly token: string;
  readonly id: number;
  /** What the token collides with: an ordinary token of the vocabulary, or another special token. */
  readonly conflict: 'vocabulary' | 'special-token';

  constructor(field: string, token: string, id: number, conflict: 'vocabulary' | 'special-token', detail: string) {
    super('SPECIAL_TOKEN_CONFLICT', `${field} cannot be added: ${detail}`);
    this.field = field;
    this.token = token;
    this.id = id;
    this.conflict = conflict;
  }
}
