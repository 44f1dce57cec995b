import { Template } from '@huggingface/jinja';
import { beforeAll, describe, expect, it } from 'vitest';
import { countChatTokens, encodeChat, UnsupportedContentError, useEncodingData } from '../../src/index.js';
import type { OpenEncodingName } from '../../src/encodings/open-specs.js';
import llama3 from '../../packages/tokmeter-open/llama3.js';
import qwen2 from '../../packages/tokmeter-open/qwen2.js';
import deepseekV3 from '../../packages/tokmeter-open/deepseek_v3.js';
import { hfOracle, upstreamTokenizerConfig } from '../support/hf-oracle.js';

/*
 * Chat counts for the open-weight models against their own chat templates: the upstream
 * tokenizer_config.json's chat_template rendered by @huggingface/jinja, the text tokenized by
 * Hugging Face's tokenizers with the added tokens recognized (as apply_chat_template(tokenize=True)
 * does). Token ids must be equal, not only counts.
 */

type Message = { role: 'system' | 'user' | 'assistant'; content: string };

const CONVERSATIONS: readonly Message[][] = [
  [{ role: 'user', content: 'hello' }],
  [{ role: 'system', content: 'You are terse.' }, { role: 'user', content: 'What is 2+2?' }],
  [
    { role: 'system', content: 'You are a helpful assistant.\nAnswer in French.' },
    { role: 'user', content: 'Bonjour ! Comment ça va ? 你好 👋' },
    { role: 'assistant', content: 'Très bien, merci.' },
    { role: 'user', content: '  padded with spaces and newlines\n\n' },
  ],
  [
    { role: 'user', content: 'Think first.' },
    { role: 'assistant', content: '<think>\nreasoning here\n</think>\n\nThe answer is 4.' },
    { role: 'user', content: 'And 3+3?' },
    { role: 'assistant', content: '<think>\nmore\n</think>\n\n6' },
  ],
  [
    { role: 'system', content: 'first system' },
    { role: 'system', content: 'second system' },
    { role: 'user', content: 'code:\n```ts\nconst x = [1, 22, 333];\n```' },
    { role: 'assistant', content: 'Sure: 12345678 items.' },
  ],
  [{ role: 'user', content: 'special-token text: <|eot_id|> <|im_end|> <｜User｜> <think> <|endoftext|>' }],
];

const BOS: Record<OpenEncodingName, string> = { llama3: '<|begin_of_text|>', qwen2: '', deepseek_v3: '<｜begin▁of▁sentence｜>' };
// Models whose own template is the upstream one tested here.
const MODEL: Record<OpenEncodingName, string> = { llama3: 'meta-llama/Meta-Llama-3-8B-Instruct', qwen2: 'Qwen/Qwen3-32B', deepseek_v3: 'deepseek-ai/DeepSeek-V3' };

beforeAll(() => {
  useEncodingData(llama3);
  useEncodingData(qwen2);
  useEncodingData(deepseekV3);
});

describe.each(['llama3', 'qwen2', 'deepseek_v3'] as const)('%s chat template', (name) => {
  it('gives the ids of the upstream template rendered and tokenized, and counts them part by part', async () => {
    const template = new Template(upstreamTokenizerConfig(name)['chat_template'] as string);
    const oracle = hfOracle(name);
    const rendered = CONVERSATIONS.map((messages) => template.render({ messages, bos_token: BOS[name], add_generation_prompt: true }));
    const want = await oracle.encodeAllSpecial(rendered);
    CONVERSATIONS.forEach((messages, i) => {
      const request = { model: MODEL[name], messages };
      expect(encodeChat(request), JSON.stringify(rendered[i])).toEqual(want[i]);
      const count = countChatTokens(request);
      expect(count.total).toBe(want[i]!.length);
      expect(count.preamble + count.messages.reduce((a, b) => a + b, 0) + count.replyPriming).toBe(count.total);
      expect(count.approximate).toBe(false);
      expect(count.encoding).toBe(name);
    });
  });

  it('refuses what its template renders in ways tokmeter does not reproduce: tools, tool calls, content parts', () => {
    const model = MODEL[name];
    expect(() => countChatTokens({ model, messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] })).toThrow(UnsupportedContentError);
    expect(() =>
      countChatTokens({ model, messages: [{ role: 'user', content: 'hi' }], tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object', properties: {} } } }] }),
    ).toThrow(UnsupportedContentError);
    expect(() =>
      countChatTokens({ model, messages: [{ role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{}' } }] }] }),
    ).toThrow(UnsupportedContentError);
  });
});

describe('models whose own template is not the one tested', () => {
  it('count with the closest template and say approximate; encodeChat refuses to give ids', () => {
    const messages = [{ role: 'user' as const, content: 'hello' }];
    for (const model of ['deepseek/deepseek-chat', 'qwen/qwen-2.5-72b-instruct', 'groq/llama-3.3-70b-versatile']) {
      const count = countChatTokens({ model, messages });
      expect(count.approximate, model).toBe(true);
      expect(() => encodeChat({ model, messages }), model).toThrow(UnsupportedContentError);
    }
  });

  it('Llama 3.1 and later: the dated system header comes first, with the system message in it', () => {
    const plain = countChatTokens({ model: 'meta-llama/Meta-Llama-3-8B-Instruct', messages: [{ role: 'user', content: 'hello' }] });
    const dated = countChatTokens({ model: 'groq/llama-3.3-70b-versatile', messages: [{ role: 'user', content: 'hello' }] });
    // <|start_header_id|>system<|end_header_id|>\n\nCutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024\n\n<|eot_id|>
    expect(dated.total - plain.total).toBeGreaterThan(15);
    const withSystem = countChatTokens({ model: 'groq/llama-3.3-70b-versatile', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'hello' }] });
    expect(withSystem.total - dated.total).toBe(3); // "Be brief." inside the same header
  });

  it('R1 distillations are refused: R1\'s template and added tokens over another vocabulary', () => {
    for (const model of ['groq/deepseek-r1-distill-llama-70b', 'deepseek-ai/DeepSeek-R1-Distill-Qwen-14B']) {
      expect(() => countChatTokens({ model, messages: [{ role: 'user', content: 'hi' }] }), model).toThrow(UnsupportedContentError);
    }
  });
});
