/**
 * Every `code` a `TokmeterError` can carry. A new code is added here first, so that a misspelt one
 * is a compile error and callers can `switch` over them all.
 */
export type TokmeterErrorCode =
  /** An argument has the wrong type or an impossible value (`InvalidArgumentError`, `ChatValidationError`). */
  | 'INVALID_ARGUMENT'
  /** An encoding name tokmeter does not know (`UnknownEncodingError`). */
  | 'UNKNOWN_ENCODING'
  /** A model id no rule or catalog entry matches (`UnknownModelError`). */
  | 'UNKNOWN_MODEL'
  /** The text holds a special token that `disallowedSpecial` rejects (`DisallowedSpecialTokenError`). */
  | 'DISALLOWED_SPECIAL_TOKEN'
  /** A special token in `extraSpecialTokens` collides with the vocabulary or another special token. */
  | 'SPECIAL_TOKEN_CONFLICT'
  /** An encoding's data file is not where the package puts it. */
  | 'ENCODING_DATA_MISSING'
  /** An encoding's data file is damaged or breaks a rule the code relies on. */
  | 'ENCODING_DATA_CORRUPT'
  /** A file of the installed package (the WASM kernel) is damaged. */
  | 'CORRUPT_PACKAGE'
  /** This runtime cannot do what was asked (reading files in a browser). */
  | 'UNSUPPORTED_RUNTIME'
  /** A file could not be read. */
  | 'FILE_UNREADABLE'
  /** A worker thread counting part of a file stopped. */
  | 'WORKER_FAILED'
  /** A piece of text longer than a streaming counter can hold (`PieceTooLongError`). */
  | 'PIECE_TOO_LONG'
  /** A remote image whose size cannot be known offline (`ImageSizeUnknownError`). */
  | 'IMAGE_SIZE_UNKNOWN'
  /** Content tokmeter can validate but not count offline (`UnsupportedContentError`). */
  | 'UNSUPPORTED_CONTENT'
  /** A media part lacks the length, page count or size its counting rule needs (`MediaMeasureUnknownError`). */
  | 'MEDIA_MEASURE_UNKNOWN'
  /** A memory-estimate preset that does not hold together. */
  | 'INVALID_PRESET'
  /** A price table is malformed or breaks a sanity rule (`PriceTableError`). */
  | 'INVALID_PRICE_TABLE'
  /** A price table could not be fetched (`PriceFetchError`). */
  | 'PRICES_FETCH_FAILED'
  /** The model has no price for the service tier asked for (`UnsupportedTierError`). */
  | 'UNSUPPORTED_TIER'
  /** The model has no price row in effect on the day asked about (`NoPriceOnDateError`). */
  | 'NO_PRICE_ON_DATE'
  /** A prompt does not fit the model's window (`ContextOverflowError`). */
  | 'CONTEXT_OVERFLOW'
  /** countTokensRemote: no API key was given (`RemoteCountError`). */
  | 'REMOTE_COUNT_MISSING_KEY'
  /** countTokensRemote: the count endpoint answered with an HTTP error, its message in the error. */
  | 'REMOTE_COUNT_HTTP'
  /** countTokensRemote: the answer was not JSON or held no count. */
  | 'REMOTE_COUNT_MALFORMED'
  /** countTokensRemote: no complete answer within timeoutMs. */
  | 'REMOTE_COUNT_TIMEOUT'
  /** countTokensRemote: the caller's signal cancelled the request. */
  | 'REMOTE_COUNT_ABORTED'
  /** countTokensRemote: no answer at all (connection refused, DNS, offline). */
  | 'REMOTE_COUNT_NETWORK'
  /** A bug in tokmeter: an invariant of its own code broke. The message asks for a report (`internalError`). */
  | 'INTERNAL';

/**
 * Every error tokmeter throws is a `TokmeterError`: its message starts with `tokmeter:`, says what
 * was wrong and how to fix it, and `code` tells the cases apart without parsing the message.
 */
export class TokmeterError extends Error {
  override name = 'TokmeterError';
  readonly code: TokmeterErrorCode;

  constructor(code: TokmeterErrorCode, message: string, options?: { cause?: unknown }) {
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

/**
 * The error for a broken invariant of tokmeter's own code: not the caller's mistake, so the message
 * says it is a bug and asks for a report with the input that caused it. `what` says what broke.
 */
export function internalError(what: string, options?: { cause?: unknown }): TokmeterError {
  return new TokmeterError(
    'INTERNAL',
    `internal error: ${what}. This is a bug in tokmeter; please report it with the input that caused it.`,
    options,
  );
}
