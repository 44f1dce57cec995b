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
   * True when the count is not exact, for one of three reasons. The request holds Gemini media
   * (images, audio, video, PDFs: counted by Google's published rules, see `media`). The model's tokenizer and chat
   * framing are not public (Claude, Gemini, GPT-5.6 and later): `encoding` and OpenAI's chat
   * framing stand in. Or, on a chat-format model, the messages hold two or more tool calls (in one
   * assistant message or in several): the server then writes them in a way that is not public
   * (several calls in one message go through a `multi_tool_use.parallel` wrapper), and bills more
   * than each call counted alone. In the one public measurement (community.openai.com/t/538914,
   * gpt-3.5-turbo) two calls with their results cost 25 to 31 tokens more than tokmeter counts, and
   * each further one about 1 to 6 more; results that are not ASCII are reported to cost far more.
   * Leave headroom, or ask the provider's count endpoint.
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
