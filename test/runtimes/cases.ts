// The fixed inputs every runtime test runs (test/runtimes/). Self-contained: it is copied, with
// app.ts, into the consumer folder each runtime loads tokmeter from.

export const ENCODINGS = ['r50k_base', 'p50k_base', 'p50k_edit', 'cl100k_base', 'o200k_base', 'o200k_harmony'] as const;
export type RuntimeEncoding = (typeof ENCODINGS)[number];

const PARAGRAPH =
  'Tokenizers cut text into pieces before they merge bytes: numbers like 1234567 and 3.14159, ' +
  'addresses like https://example.com/a?b=c, and code such as `xs.map((x) => x * 2)` each take their own path. ';

/** Texts each encoding must encode exactly as tiktoken does. */
export const TEXTS: readonly string[] = [
  'hello world',
  'The quick brown fox jumps over the lazy dog.',
  '👋🌍 🧑‍🚀 👨‍👩‍👧‍👦 🇵🇹🇯🇵 ❤️‍🔥 emoji, joined and flagged',
  '東京は日本の首都です。中文分词测试，한국어 텍스트도 있습니다。',
  '\uFEFFa leading byte-order mark, and two more: a\uFEFF\uFEFF!',
  'special tokens as text: <|endoftext|> <|endofprompt|> <|fim_prefix|> <|start|>',
  'function f(x) {\n  return x ** 2; // ✓\n}\n\n\t  spaces   \r\n',
  // Over 256 units and mostly ASCII: the byte loop, in WebAssembly where the runtime allows it.
  `${PARAGRAPH.repeat(6)}🙂`,
  // Over 256 units and mostly wide: the UTF-16 loop.
  '日本語の文章と English words が混ざった長いテキスト。'.repeat(20),
  'x'.repeat(3000),
];

/** Encoded with `allowedSpecial: 'all'`: the special tokens each encoding has become their ids. */
export const SPECIAL_TEXT = TEXTS[5]!;

/** A chat request with tools: the README's example, 86 prompt tokens on gpt-4o. */
export const CHAT_REQUEST = {
  model: 'gpt-4o',
  messages: [
    { role: 'system', content: 'You are a weather bot.' },
    { role: 'user', content: "What's the weather like in San Francisco?" },
  ],
  tools: [
    {
      type: 'function',
      function: {
        name: 'get_current_weather',
        description: 'Get the current weather in a given location',
        parameters: {
          type: 'object',
          properties: {
            location: { type: 'string', description: 'The city and state, e.g. San Francisco, CA' },
            unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
          },
          required: ['location'],
        },
      },
    },
  ],
  tool_choice: 'auto',
} as const;

/** The README's cost example: 2,000 × $2.50 + 8,000 × $1.25 + 500 × $10 per 1M tokens = $0.02. */
export const COST = { model: 'gpt-4o', inputTokens: 10_000, cachedInputTokens: 8_000, outputTokens: 500, at: '2026-12-07' } as const;
