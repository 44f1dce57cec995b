/** What counting a chat request returns (`countChatTokens`; `countResponsesTokens` builds on it). */
import type { TokenizerBand } from '../encodings/claude-band.js';
import type { GeminiMediaCount } from './gemini-media-rules.js';
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
   * True when the count is not exact. Why it may not be:
   * - The request holds Gemini media (images, audio, video, PDFs), counted by Google's published
   *   rules (see `media`).
   * - The model's tokenizer and chat framing are not public (Claude, Gemini, GPT-5.6 and later):
   *   `encoding` and OpenAI's chat framing stand in.
   * - Part of the model's framing is a figure fitted to recorded counts rather than known text (the
   *   hidden tools block of gpt-5 and o3-mini: `MESSAGE_FORMATS[…].tools.exact` is false).
   * - The conversation holds more tool calls than the model's format writes exactly
   *   (`exactUpTo`): on the 2023 snapshots, two or more calls, which the server writes in a way
   *   that is not public (a public measurement, community.openai.com/t/538914, found two calls with
   *   their results 25 to 31 tokens over). From 2024 on, several calls in one message are written as
   *   one `multi_tool_use.parallel` call with their results as one JSON list, and counted exactly.
   * Leave headroom, or ask the provider's count endpoint (`countTokensRemote`).
   */
  readonly approximate: boolean;
  /**
   * Claude models: how far Claude's counts lie from `encoding`'s, as measured on text
   * (docs/claude-counts.md): `total × band.factor` is the central estimate of Claude's own count and
   * `total × band.high` an upper bound for 97.5% of the samples. The chat framing is OpenAI's, not Claude's.
   */
  readonly band?: TokenizerBand;
  /**
   * Gemini models (`format: 'gemini'`, or `'chat'` where an encoding stands in for the model's own):
   * each media part as counted, by Google's published per-image,
   * per-second or per-page rule (docs/gemini-media.md), always approximate, with the rule and its
   * source. Images' tokens are in `images`, the others' in their message's entry.
   */
  readonly media?: readonly GeminiMediaCount[];
  /**
   * How the request was written: OpenAI's chat format, harmony (gpt-oss), or — for Gemini 2.0/2.5/3
   * with gemma3's data registered — the texts Google's GenAI SDK counts locally (no framing).
   */
  readonly format: 'chat' | 'harmony' | 'gemini';
}
