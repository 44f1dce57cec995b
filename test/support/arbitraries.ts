import fc from 'fast-check';

/** Fragments that exercise every branch of the split patterns and the known traps of JS ports. */
export const FRAGMENTS = [
  // whitespace kinds
  ' ', '  ', '   ', '\t', '\n', '\n\n', '\r\n', '\r', ' \n', '\n ', '\u00a0', '\u3000', '\u2028', '\u0085', '\u000b', '\u000c', '\u200b',
  '\ufeff', '\ufeff\ufeff', // U+FEFF is not whitespace in Rust's regex
  // contractions in every case, and look-alikes
  "'s", "'S", "'t", "'T", "'re", "'RE", "'rE", "'ve", "'Ve", "'m", "'M", "'ll", "'LL", "'lL", "'d", "'D", "'ſ", "'", "''", "'x", "don't", "I'M", "they'll", "O'Neil",
  // digits and other numbers
  '0', '1', '12', '123', '1234', '٣٤', '²', '½', 'Ⅻ', '𝟘', '3.14', '1,000',
  // letters: cases, titlecase, modifier, other letters, scripts
  'a', 'A', 'hello', 'Hello', 'HELLO', 'hELLO', 'ǅ', 'ǅa', 'ʰ', 'ß', 'İ', 'ſ', '中文', '日本語', 'ไทยภาษา', 'العربية', 'עברית', 'Ελληνικά', 'Кириллица', '한국어', 'हिन्दी', '𝐀𝐁𝐂', '𐐀𐐨',
  // combining marks
  '\u0301', 'e\u0301', '\u0301A', 'A\u0301B', '\u0308\u0308', 'ก\u0e31',
  // emoji, ZWJ sequences, modifiers, flags
  '👋', '👋🏽', '👨‍👩‍👧', '\u200d', '🇺🇸', '❤️', '🙂🙂',
  // lone surrogates
  '\ud800', '\udc00', '\ud83d', '\ude00x',
  // punctuation, symbols, code
  '!', '?', '...', '/', '//', '\\', '{', '}', '()', '"', '—', '…', '•', '€', '$', '@', '#', '<', '>', '|', '</div>', '=>', 'const x = 1;', '  return', '\t\tif (a) {', '/*', '*/', '\n//', 'http://x.y/z',
  // special-token text and pieces of it
  '<|endoftext|>', '<|endofprompt|>', '<|fim_prefix|>', '<|fim_middle|>', '<|fim_suffix|>', '<|start|>', '<|end|>', '<|message|>', '<|channel|>', '<|reserved_200001|>', '<|startoftext|>', '<|', '|>', '<|endoftext', 'endoftext|>',
];

const anyCodePoint = fc.string({ unit: 'binary', minLength: 1, maxLength: 1 });
const anyUtf16Unit = fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u));
const asciiWord = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 \'.,!?-_\n\t'.split('')), maxLength: 12 });

/** Strings made of fragments, random code points (astral included), random UTF-16 units (lone surrogates) and ASCII. */
export const mixedText = fc
  .array(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...FRAGMENTS) }, { weight: 2, arbitrary: anyCodePoint }, { weight: 1, arbitrary: anyUtf16Unit }, { weight: 2, arbitrary: asciiWord }), { maxLength: 48 })
  .map((parts) => parts.join(''));

/** Strings with no lone surrogates, for round trips. */
export const wellFormedText = mixedText.map((s) => s.toWellFormed());

/**
 * Code-like ASCII: every ASCII character, with now and then a non-ASCII one that can continue or end
 * a run (a letter, a mark, a digit, a space, punctuation, a surrogate pair), where the scanners'
 * ASCII paths must hand over to their general ones.
 */
export const asciiText = fc
  .array(
    fc.oneof(
      { weight: 12, arbitrary: fc.integer({ min: 0, max: 0x7f }).map((u) => String.fromCharCode(u)) },
      { weight: 4, arbitrary: fc.constantFrom(' ', '  ', '    ', '\n', '\n    ', '\t', "'", "'s", "'LL", '//', '/**', ' */\n', '();\n', 'aA', 'Ab', 'AB', '123', '1234') },
      { weight: 1, arbitrary: fc.constantFrom('é', 'É', 'ǅ', 'ʰ', '\u0301', '²', '٣', '\u00a0', '\u0085', '—', 'ſ', '中', '𝐀', '👋') },
    ),
    { maxLength: 64 },
  )
  .map((parts) => parts.join(''));

/**
 * Texts long enough for byte mode (256 units and more), nearly all ASCII, with a few non-ASCII
 * characters here and there that the loop must cut from the UTF-16 units and step over in the bytes.
 * Not shrunk: shrinking hundreds of parts one at a time takes minutes; a failure prints the text.
 */
export const longText = fc.noShrink(fc
  .tuple(
    fc.array(
      fc.oneof(
        { weight: 3, arbitrary: fc.integer({ min: 0, max: 0x7f }).map((u) => String.fromCharCode(u)) },
        { weight: 3, arbitrary: fc.constantFrom(' the', ' Code', 'word', 'HTTP', "'s", "'LL", ' 42', '12345', '\n    ', '  ', '\r\n', ' */\n', '();', '//', 'x') },
      ),
      { minLength: 200, maxLength: 400 },
    ),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom('é', 'É', '\u0301', '²', '\u00a0', '—', 'ſ', '中', '👋', '\ud800', 'ǅ')), { maxLength: 5 }),
  )
  .map(([parts, insertions]) => {
    for (const [at, fragment] of insertions) parts.splice(at % (parts.length + 1), 0, fragment);
    return parts.join('');
  }));
