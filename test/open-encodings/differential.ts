import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import type { Encoding } from '../../src/encoding.js';
import { OPEN_ENCODING_SPECS, type OpenEncodingName } from '../../src/encodings/open-specs.js';
import { FRAGMENTS, asciiText, longText, mixedText } from '../support/arbitraries.js';
import { hfOracle, openEncodingForTest, type HfOracle } from '../support/hf-oracle.js';

/*
 * The differential tests of an optional encoding (issue 20, item 6): token ids against Hugging
 * Face's tokenizers (Rust, npm `tokenizers`) reading the upstream tokenizer.json. Each test file
 * (llama3, qwen2, deepseek-v3) calls `differentialTests` with texts of its own.
 */

const RUNS = Number(process.env['TOKMETER_FC_RUNS'] ?? 150);

/** Texts every encoding is held to: scripts, code, emoji, digits, whitespace runs, special-token text. */
export const FIXED_TEXTS: readonly string[] = [
  ...FRAGMENTS,
  'The quick brown fox jumps over the lazy dog. It\'s 3:45 p.m.; they\'ll arrive at 12,345.67 km/h!',
  'Größenwahn, naïve café, Ærøskøbing, ça va? ¿Qué tal? Şişli, Łódź, Čeština, Ελληνικά κείμενα, Русский текст.',
  '中文文本，包括标点符号。日本語のテキスト：ひらがな、カタカナ、漢字。한국어 텍스트입니다. 繁體中文與简体中文混合。',
  'العربية: مرحبا بالعالم. עברית: שלום עולם. हिन्दी: नमस्ते दुनिया। ไทย: สวัสดีชาวโลก. தமிழ் மொழி. ქართული ენა.',
  'def fib(n: int) -> int:\n    """Return the n-th Fibonacci number."""\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\n\n\nprint(fib(30))\n',
  'const xs = [1, 22, 333, 4444, 55555];\nfor (let i = 0; i < xs.length; i++) {\n\tconsole.log(`${i}: ${xs[i]}`); // 123456789\n}\r\n',
  '<div class="a"><p>Hello&nbsp;world</p></div>\n<!-- comment --> {"key": [true, false, null, 1e-9]}',
  '👋🏽 👨‍👩‍👧‍👦 🇯🇵🇺🇸 ❤️‍🔥 🙂🙂🙂 😀😃😄😁 ✊🏿 🏳️‍🌈 👍',
  '0 1 12 123 1234 12345 123456 1234567 3.14159265358979 -42 +7 1e10 0x1F 1,000,000 ٣٤٥ ²³ ½ Ⅻ 𝟘𝟙𝟚',
  '    ', '\n\n\n', ' \n \n ', '\t\t\t', 'a    b', 'a \n b', 'end   ', '   start', '\r\n\r\n', '\u3000\u3000中', ' 123', 'x  123',
  '<|endoftext|>', '<|im_start|>user\nhi<|im_end|>', '<think>\nhmm\n</think>\n\nyes', '<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nhi<|eot_id|>',
  '<｜begin▁of▁sentence｜><｜User｜>hi<｜Assistant｜>', '<|EOT|>', '<tool_call>{"a":1}</tool_call>', '<<think>>', '<|im_start', 'im_end|>',
  'x'.repeat(3000), ' '.repeat(2000), '1'.repeat(1000), '中'.repeat(500), '!'.repeat(700), 'ab'.repeat(1500),
];

export function differentialTests(name: OpenEncodingName, own: readonly string[] = []): void {
  let encoding: Encoding;
  let oracle: HfOracle;
  beforeAll(async () => {
    encoding = await openEncodingForTest(name);
    oracle = hfOracle(name);
  });

  it('has the upstream vocabulary: each id decodes to the bytes tokenizer.json gives it', () => {
    const vocab = oracle.json.model.vocab;
    const byteOf = byteOfCharacter();
    let checked = 0;
    const wrong: number[] = [];
    for (const [entry, id] of Object.entries(vocab)) {
      const bytes = [...entry].map((ch) => byteOf.get(ch));
      if (bytes.some((b) => b === undefined)) continue; // an added token (DeepSeek's ids 0-2)
      const got = encoding.decodeBytes([id]);
      if (got.length !== bytes.length || bytes.some((b, k) => got[k] !== b)) wrong.push(id);
      checked++;
    }
    expect(wrong).toEqual([]);
    expect(checked).toBe(Object.keys(vocab).length - (name === 'deepseek_v3' ? 3 : 0));
  });

  it('has the upstream added tokens, each with its id', () => {
    const upstream = Object.fromEntries(oracle.json.added_tokens.map((t) => [t.content, t.id]));
    expect(Object.fromEntries(encoding.specialTokens)).toEqual(upstream);
    expect(encoding.vocabularySize).toBe([...Object.values(oracle.json.model.vocab), ...Object.values(upstream)].reduce((a, b) => Math.max(a, b)) + 1);
    expect(OPEN_ENCODING_SPECS[name].vocabularySize).toBe(encoding.vocabularySize);
  });

  it('gives the oracle\'s ids for fixed texts: scripts, code, emoji, digits, whitespace runs, special-token text', async () => {
    const texts = [...FIXED_TEXTS, ...own];
    const want = await oracle.encodeOrdinary(texts);
    texts.forEach((text, i) => {
      expect(encoding.encode(text), JSON.stringify(text).slice(0, 200)).toEqual(want[i]);
      expect(encoding.count(text)).toBe(want[i]!.length);
    });
  });

  it('gives the oracle\'s ids with every added token recognized (allowedSpecial: all)', async () => {
    const texts = [...FIXED_TEXTS, ...own, ...[...encoding.specialTokens.keys()].slice(0, 40).map((t) => `a${t}b ${t}${t}\n`)];
    const want = await oracle.encodeAllSpecial(texts);
    texts.forEach((text, i) => expect(encoding.encode(text, { allowedSpecial: 'all' }), JSON.stringify(text).slice(0, 200)).toEqual(want[i]));
  });

  it('gives the oracle\'s ids for the text of every token of the vocabulary, each alone', async () => {
    // Every token's text (where its bytes are UTF-8 on their own), tokenized on its own: where
    // merge-list priority (the upstream rule) and rank (tokmeter's) could part, a token's own text
    // is where they would, as the merges that make it compete with others inside it.
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const specialIds = new Set(encoding.specialTokens.values());
    const texts: string[] = [];
    for (let id = 0; id < encoding.vocabularySize; id++) {
      if (specialIds.has(id)) continue;
      try {
        texts.push(decoder.decode(encoding.decodeBytes([id])));
      } catch {
        // bytes of part of a character
      }
    }
    expect(texts.length).toBeGreaterThan(encoding.vocabularySize * 0.7);
    const want = await oracle.encodeOrdinary(texts);
    let same = 0;
    texts.forEach((text, i) => {
      const got = encoding.encode(text);
      if (got.length === want[i]!.length && got.every((id, k) => id === want[i]![k])) same++;
      else expect(got, JSON.stringify(text)).toEqual(want[i]);
    });
    expect(same).toBe(texts.length);
  });

  for (const [label, arbitrary] of [['mixed text', mixedText], ['code-like ASCII', asciiText], ['long text', longText]] as const) {
    it(`gives the oracle's ids for generated ${label} (fast-check prints the seed of a failure)`, async () => {
      await fc.assert(
        fc.asyncProperty(arbitrary, async (text) => {
          const [ordinary, special] = await Promise.all([oracle.encodeOrdinary([text]), oracle.encodeAllSpecial([text])]);
          expect(encoding.encode(text)).toEqual(ordinary[0]);
          expect(encoding.encode(text, { allowedSpecial: 'all' })).toEqual(special[0]);
          expect(encoding.countUpTo(text, 5)).toBe(Math.min(ordinary[0]!.length, 6));
        }),
        { numRuns: label === 'long text' ? Math.ceil(RUNS / 3) : RUNS },
      );
    });
  }
}

/** GPT-2's table from the characters byte-level vocabularies are written in back to bytes. */
function byteOfCharacter(): Map<string, number> {
  const printable: number[] = [];
  for (let b = 0x21; b <= 0x7e; b++) printable.push(b);
  for (let b = 0xa1; b <= 0xac; b++) printable.push(b);
  for (let b = 0xae; b <= 0xff; b++) printable.push(b);
  const byChar = new Map(printable.map((b) => [String.fromCharCode(b), b]));
  let shifted = 0;
  for (let b = 0; b < 256; b++) if (!printable.includes(b)) byChar.set(String.fromCharCode(256 + shifted++), b);
  return byChar;
}
