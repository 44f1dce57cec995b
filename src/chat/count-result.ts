/** What counting a chat request returns (`countChatTokens`; `countResponsesTokens` builds on it). */
import type { ImageCount } from './images/count-image.js';

/** The count of one request. The numeric parts add up to `total`. */
export interface ChatTokenCount {
  /** What the API bills as `prompt_tokens`. */
  readonly total: number;
  /** Per input message: framing, role, name, text, tool calls. Image tokens are in `images`. */
  readonly messages: readonly number[];
  /** Function/tool definitions as the hidden namespace the server adds. */
  readonly tools: number;
  /** `tool_choice` / `function_call` forcing a function (or "none"). */
  readonly toolChoice: number;
  /** All image parts. */
  readonly images: number;
  /** Tokens that prime the reply (`<|start|>assistant…`). */
  readonly replyPriming: number;
  /** Text the format adds before the messages (the harmony system message for gpt-oss; 0 otherwise). */
  readonly preamble: number;
  /** How each image was counted, in order. */
  readonly imageDetails: readonly ImageCount[];
  readonly model: string;
  readonly encoding: string;
  /**
   * True when the count is not exact, for one of two reasons. The model's tokenizer and chat
   * framing are not public (Claude, Gemini, GPT-5.6 and later): `encoding` and OpenAI's chat
   * framing stand in. Or, on a chat-format model, an assistant message makes two or more tool
   * calls: the server then wraps the calls in a `multi_tool_use.parallel` call and gathers their
   * results, in a text that is not public; each call is counted as if it were alone, so the count
   * is low (in one public report two small calls cost about 30 tokens more, and non-ASCII results
   * far more). Leave headroom, or ask the provider's count endpoint.
   */
  readonly approximate: boolean;
  readonly format: 'chat' | 'harmony';
}
