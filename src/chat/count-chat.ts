/**
 * `countChatTokens`: what the OpenAI API reports as `usage.prompt_tokens` for a Chat Completions
 * request, with a breakdown an app can show. Rules (shared/docs/counting-rules.md,
 * docs/tool-rendering.md):
 *
 *   total = replyPriming                                   3: <|start|>assistant<|message|> (2 on gpt-5, o3-mini)
 *         + Σ messages[i]                                  per message: tokensPerMessage + role + content
 *                                                          (+ name + tokensPerName, calls, results without the role;
 *                                                          the call framing per model, message-format.ts)
 *         + tools                                          encode(namespace) + 9, −4 when a system message exists
 *                                                          (gpt-5: + 82 more, never merged)
 *         + toolChoice                                     "none" +1, a named function +6 + "functions.{name}",
 *                                                          function_call {name} +4 + name (nothing on gpt-5)
 *         + images                                         tile or patch method per model
 *
 * The text is written as pieces by chat-format.ts (and by harmony.ts for gpt-oss models, which
 * render the harmony format); this file adds them up per part of the result.
 */
import { isOpenEncodingName } from '../encodings/open-data.js';
import type { OpenEncodingName } from '../encodings/open-specs.js';
import { getEncoding } from '../encodings/registry.js';
import { refuseAudioAndFiles, writeChatPrompt, type MediaHandler } from './chat-format.js';
import type { GeminiMediaCount } from './gemini-media-rules.js';
import { countGeminiMedia, mediaGenerationFor } from './gemini-media.js';
import { templatedPrompt } from './open-templates.js';
import type { ChatTokenCount } from './count-result.js';
import { countGeminiChat } from './gemini-chat.js';
import { countHarmony } from './harmony.js';
import { countImage, type ImageCount } from './images/count-image.js';
import { messageFormatFor } from './message-format.js';
import { readChatCountOptions, type ChatCountOptions } from './options.js';
import { prepareChatRequest, type PreparedRequest } from './prepare.js';
import { tokenizerForModel, type ChatTokenizer } from './tokenizer.js';
import { toolLayoutFor } from './tool-layouts.js';
import type { ChatRequest } from './types.js';

/** Count a validated request: the harmony format for gpt-oss, the chat format for every other model. */
export function countPrepared(request: PreparedRequest, tokenizer: ChatTokenizer, options: ChatCountOptions): ChatTokenCount {
  if (tokenizer.encoding === 'o200k_harmony') return countHarmony(request, tokenizer, options.harmony ?? {});
  if (isOpenEncodingName(tokenizer.encoding)) return countTemplated(request, tokenizer.encoding, tokenizer.family);
  if (tokenizer.encoding === 'gemma3') return countGeminiChat(request, tokenizer);

  const imageDetails: ImageCount[] = [];
  const messages = request.messages.map(() => 0);
  // A Gemini model counted with a stand-in encoding (no gemma3 data, or a generation gemma3 is not
  // for): its media by Google's rules too, as countGeminiChat counts them.
  const media: GeminiMediaCount[] = [];
  let mediaImages = 0;
  const onMedia: MediaHandler =
    tokenizer.family === 'google'
      ? (part, field, index) => {
          const counted = countGeminiMedia(part, field, mediaGenerationFor(request.model, field));
          media.push(counted);
          if (counted.kind === 'image') mediaImages += counted.tokens;
          else messages[index]! += counted.tokens;
        }
      : (part, field) => {
          const image = refuseAudioAndFiles(part, field);
          imageDetails.push(countImage(request.model, image.image_url.url, image.image_url.detail ?? 'auto', field, options));
        };
  const prompt = writeChatPrompt(request, messageFormatFor(request.model), toolLayoutFor(request.model, options.toolLayout), onMedia);

  let tools = 0;
  let toolChoice = 0;
  let replyPriming = 0;
  for (const { part, pieces } of prompt.sections) {
    const tokens = pieces.count(tokenizer);
    if (part.kind === 'message') messages[part.index]! += tokens;
    else if (part.kind === 'tools') tools += tokens;
    else if (part.kind === 'toolChoice') toolChoice += tokens;
    else replyPriming += tokens;
  }
  const images = imageDetails.reduce((sum, image) => sum + image.tokens, mediaImages);
  const total = messages.reduce((a, b) => a + b, 0) + tools + toolChoice + images + replyPriming;
  return {
    total,
    messages,
    tools,
    toolChoice,
    images,
    replyPriming,
    preamble: 0,
    imageDetails,
    model: request.model,
    encoding: tokenizer.encoding,
    approximate: tokenizer.approximate || prompt.approximate,
    ...(tokenizer.band !== undefined && { band: tokenizer.band }),
    ...(media.length > 0 && { media }),
    format: 'chat',
  };
}

/**
 * Count a request for an open-weight model (llama3, qwen2, deepseek_v3) as its chat template renders
 * it (open-templates.ts), the added tokens in it recognized, as a server tokenizes the rendered text.
 */
function countTemplated(request: PreparedRequest, name: OpenEncodingName, family: string | undefined): ChatTokenCount {
  const encoding = getEncoding(name);
  const count = (text: string): number => encoding.count(text, { allowedSpecial: 'all' });
  const prompt = templatedPrompt(request, name, family);
  const messages = prompt.messages.map(count);
  const preamble = count(prompt.preamble);
  const replyPriming = count(prompt.replyPriming);
  return {
    total: preamble + messages.reduce((a, b) => a + b, 0) + replyPriming,
    messages,
    tools: 0,
    toolChoice: 0,
    images: 0,
    replyPriming,
    preamble,
    imageDetails: [],
    model: request.model,
    encoding: name,
    approximate: !prompt.exact,
    format: 'chat',
  };
}

/**
 * Count a Chat Completions request exactly as the OpenAI API bills it (`usage.prompt_tokens`).
 *
 * A malformed request is a `ChatValidationError` naming the field (`messages[2].content`), and so
 * is a `"__proto__"` key, a cycle, or objects nested more than 100 levels deep (a tool schema can
 * nest about 45 properties); an option the function does not take is an `InvalidArgumentError`
 * naming it (`options.toolLayot`, with the closest option). `approximate` is true when the model's
 * tokenizer is not public, when a 2023 snapshot's messages hold two or more tool calls, or where the
 * rule is fitted to counts rather than known (gpt-5 with tools or calls, o3-mini with tools). A Gemini 2.0/2.5/3
 * model, once gemma3's data is registered (`useEncodingData`), is counted as Google's GenAI SDK counts
 * it locally (`format: 'gemini'`, gemini-chat.ts): exact for text, tool calls and tools; images, audio,
 * video and PDFs approximate, by Google's published rules (`media`; a part without the duration or
 * page count its rule needs is a `MediaMeasureUnknownError` naming the field to add).
 *
 * @example
 * countChatTokens({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hello' }] }).total // 8
 */
export function countChatTokens<R extends ChatRequest>(request: R, options?: ChatCountOptions): ChatTokenCount {
  const checked = readChatCountOptions(options, 'countChatTokens');
  const prepared = prepareChatRequest(request);
  return countPrepared(prepared, tokenizerForModel(prepared.model), checked);
}
