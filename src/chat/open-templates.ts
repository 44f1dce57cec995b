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
function llama3Prompt(messages: readonly TextMessage[]): TemplatedPrompt {
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
function qwen2Prompt(messages: readonly TextMessage[]): TemplatedPrompt {
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
function deepSeekV3Prompt(messages: readonly TextMessage[]): TemplatedPrompt {
  const system = messages.filter((m) => m.role === 'system').map((m) => m.content).join('\n\n');
  const firstSystem = messages.findIndex((m) => m.role === 'system');
  return {
    preamble: '<｜begin▁of▁sentence｜>',
    messages: messages.map((m, i) => (m.role === 'user' ? `<｜User｜>${m.content}` : m.role === 'assistant' ? `<｜Assistant｜>${m.content}<｜end▁of▁sentence｜>` : i === firstSystem ? system : '')),
    replyPriming: '<｜Assistant｜>',
  };
}

/** The prompt `request` becomes under the chat template of `name`'s models. */
export function templatedPrompt(request: PreparedRequest, name: OpenEncodingName): TemplatedPrompt {
  const messages = textMessages(request, name);
  return name === 'llama3' ? llama3Prompt(messages) : name === 'qwen2' ? qwen2Prompt(messages) : deepSeekV3Prompt(messages);
}
