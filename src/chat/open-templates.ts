/**
 * The chat templates of the open-weight models whose tokenizers tokmeter has (llama3, qwen2,
 * deepseek_v3), written out in code from each model's `tokenizer_config.json` `chat_template`,
 * for conversations of system, user and assistant messages with text content. What a server does
 * with such a request (Hugging Face's `apply_chat_template`, then tokenizing the text with the
 * added tokens recognized) is what this counts: the prompt as text segments that meet at special
 * tokens, so their counts add up to the whole prompt's.
 *
 * Tools, tool calls and results, images, and content given as parts are refused
 * (`UnsupportedContentError`): the templates render them in ways not reproduced here.
 */
import type { OpenEncodingName } from '../encodings/open-specs.js';
import { UnsupportedContentError } from './errors.js';
import type { PreparedRequest } from './prepare.js';

/** The prompt of a request: what comes before the messages, each message's text, and the reply's start. */
export interface TemplatedPrompt {
  /**
   * Whether this is the model's own template. Only the templates tokmeter tests against the
   * upstream tokenizer_config.json are (Meta-Llama-3, Qwen3, DeepSeek-V3); other models of the
   * family are rendered with the closest one and marked approximate (see `templateFor`).
   */
  readonly exact: boolean;
  readonly preamble: string;
  /** One text per message, in order (empty for a message the template folds into another). */
  readonly messages: readonly string[];
  readonly replyPriming: string;
}

interface TextMessage {
  readonly role: 'system' | 'user' | 'assistant';
  readonly content: string;
}

/** The messages as the templates take them, or an error naming what they do not render. */
function textMessages(request: PreparedRequest, name: OpenEncodingName): TextMessage[] {
  if (request.functions.length > 0) throw new UnsupportedContentError('tools', `are not counted for ${name} models yet: their chat template's tool rendering is not reproduced.`);
  return request.messages.map((message, i) => {
    const field = request.fieldOf(i);
    const { role, content } = message as { role: string; content?: unknown; tool_calls?: unknown };
    if (role !== 'system' && role !== 'user' && role !== 'assistant') {
      throw new UnsupportedContentError(`${field}.role`, `is ${JSON.stringify(role)}; tokmeter renders ${name} chat templates for system, user and assistant messages.`);
    }
    if ((message as { tool_calls?: unknown }).tool_calls !== undefined) {
      throw new UnsupportedContentError(`${field}.tool_calls`, `are not counted for ${name} models yet: their chat template's tool rendering is not reproduced.`);
    }
    if (typeof content !== 'string') {
      throw new UnsupportedContentError(`${field}.content`, `must be a string for ${name} models: their chat template renders text content only.`);
    }
    return { role, content };
  });
}

/** Python's `str.strip()` with no argument: Unicode whitespace (Jinja's `trim`). */
function pythonStrip(text: string): string {
  return text.replace(PY_WHITESPACE_START, '').replace(PY_WHITESPACE_END, '');
}
// Python's whitespace: JavaScript's \s less U+FEFF, plus U+001C–U+001F and U+0085.
const PY_WHITESPACE = '[\\t\\n\\v\\f\\r \\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const PY_WHITESPACE_START = new RegExp(`^${PY_WHITESPACE}+`, 'u');
const PY_WHITESPACE_END = new RegExp(`${PY_WHITESPACE}+$`, 'u');

const stripNewlines = (text: string, start: boolean, end: boolean): string => {
  let from = 0;
  let to = text.length;
  if (start) while (from < to && text.charCodeAt(from) === 10) from++;
  if (end) while (to > from && text.charCodeAt(to - 1) === 10) to--;
  return text.slice(from, to);
};

/** Meta-Llama-3's template: `<|begin_of_text|>`, then a header and `content | trim` per message, and the assistant header. */
function llama3Prompt(messages: readonly TextMessage[]): Omit<TemplatedPrompt, 'exact'> {
  return {
    preamble: '<|begin_of_text|>',
    messages: messages.map((m) => `<|start_header_id|>${m.role}<|end_header_id|>\n\n${pythonStrip(m.content)}<|eot_id|>`),
    replyPriming: '<|start_header_id|>assistant<|end_header_id|>\n\n',
  };
}

/**
 * Qwen3's template (ChatML): `<|im_start|>role\n…<|im_end|>\n`. An assistant message after the last
 * user message keeps its reasoning as `<think>\n…\n</think>\n\n` when it is the last message or has
 * any; earlier ones lose it. The reply starts with `<|im_start|>assistant\n`.
 */
function qwen2Prompt(messages: readonly TextMessage[]): Omit<TemplatedPrompt, 'exact'> {
  let lastQuery = messages.length - 1;
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.role === 'user' && !(m.content.startsWith('<tool_response>') && m.content.endsWith('</tool_response>'))) {
      lastQuery = i;
      break;
    }
  }
  const rendered = messages.map((m, i) => {
    if (m.role !== 'assistant') return `<|im_start|>${m.role}\n${m.content}<|im_end|>\n`;
    let content = m.content;
    let reasoning = '';
    if (content.includes('</think>')) {
      const parts = content.split('</think>');
      reasoning = stripNewlines(stripNewlines(parts[0]!, false, true).split('<think>').at(-1)!, true, false);
      content = stripNewlines(parts.at(-1)!, true, false);
    }
    if (i > lastQuery && (i === messages.length - 1 || reasoning !== '')) {
      return `<|im_start|>assistant\n<think>\n${stripNewlines(reasoning, true, true)}\n</think>\n\n${stripNewlines(content, true, false)}<|im_end|>\n`;
    }
    return `<|im_start|>assistant\n${content}<|im_end|>\n`;
  });
  return { preamble: '', messages: rendered, replyPriming: '<|im_start|>assistant\n' };
}

/**
 * DeepSeek-V3's template: `<｜begin▁of▁sentence｜>`, the system messages joined by a blank line, then
 * `<｜User｜>…` and `<｜Assistant｜>…<｜end▁of▁sentence｜>` per message; the reply starts with
 * `<｜Assistant｜>`. The system text is one stretch of text, so it is given to the first system message.
 */
function deepSeekV3Prompt(messages: readonly TextMessage[]): Omit<TemplatedPrompt, 'exact'> {
  const system = messages.filter((m) => m.role === 'system').map((m) => m.content).join('\n\n');
  const firstSystem = messages.findIndex((m) => m.role === 'system');
  return {
    preamble: '<｜begin▁of▁sentence｜>',
    messages: messages.map((m, i) => (m.role === 'user' ? `<｜User｜>${m.content}` : m.role === 'assistant' ? `<｜Assistant｜>${m.content}<｜end▁of▁sentence｜>` : i === firstSystem ? system : '')),
    replyPriming: '<｜Assistant｜>',
  };
}

/**
 * Llama 3.1, 3.2 and 3.3 put a system header first whatever the messages: the knowledge cut-off
 * and a date ("26 Jul 2024" unless the server passes another), then the first system message's
 * text, trimmed. Not tested against an upstream template (no package of the registry carries one),
 * so such counts are marked approximate.
 */
function llama31Prompt(messages: readonly TextMessage[]): Omit<TemplatedPrompt, 'exact'> {
  const [first, ...rest] = messages;
  const system = first?.role === 'system' ? pythonStrip(first.content) : '';
  const conversation = first?.role === 'system' ? rest : messages;
  const header = `<|start_header_id|>system<|end_header_id|>\n\nCutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024\n\n${system}<|eot_id|>`;
  const own = llama3Prompt(conversation).messages;
  return {
    preamble: '<|begin_of_text|>',
    messages: messages.map((_, i) => (first?.role === 'system' ? (i === 0 ? header : own[i - 1]!) : i === 0 ? header + own[0]! : own[i]!)),
    replyPriming: '<|start_header_id|>assistant<|end_header_id|>\n\n',
  };
}

/** A Llama 3 id of version 3.1 or later (`llama-3.1-8b`, `llama-v3p3-70b`, `meta.llama3-2-1b…`), not a size (`llama-3-70b`). */
const LLAMA_31_OR_LATER = /llama-?v?3[-._p][1-9](?!\d*b)/;
/** The ids whose own template is the one tested (Meta-Llama-3, Qwen3's first releases, DeepSeek-V3 and V3-0324). */
const TESTED_TEMPLATE: Readonly<Record<OpenEncodingName, RegExp>> = {
  llama3: /(?:^|[-.])(?:meta-)?llama-?v?3(?:-\d+b)?(?:-instruct)?(?:-v1:0)?$/,
  qwen2: /^(?:qwen[.-])?qwen-?3-\d+(?:\.\d+)?b(?:-a\d+b)?(?:-fp8)?$/,
  deepseek_v3: /(?:^|[-.])deepseek[-.]v3(?:-0324)?(?:-v1:0)?$/,
};

/**
 * The prompt `request` becomes under the chat template of `name`'s models. `family` is the
 * model's maker (open-models.ts): DeepSeek's R1 distillations pair another family's tokenizer with
 * R1's template and added tokens, which this does not render.
 */
export function templatedPrompt(request: PreparedRequest, name: OpenEncodingName, family?: string): TemplatedPrompt {
  const id = request.model.trim().toLowerCase().slice(request.model.lastIndexOf('/') + 1);
  if (family === 'deepseek' && name !== 'deepseek_v3') {
    throw new UnsupportedContentError('model', `is ${JSON.stringify(request.model)}, a DeepSeek-R1 distillation: its chat template and added tokens are R1's over ${name}'s vocabulary, which tokmeter does not render. Count the prompt as your server renders it with countTokens(text, { model }).`);
  }
  const messages = textMessages(request, name);
  const exact = TESTED_TEMPLATE[name].test(id);
  if (name === 'llama3') return { exact, ...(LLAMA_31_OR_LATER.test(id) ? llama31Prompt(messages) : llama3Prompt(messages)) };
  return { exact, ...(name === 'qwen2' ? qwen2Prompt(messages) : deepSeekV3Prompt(messages)) };
}
