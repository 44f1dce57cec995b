/**
 * The prompt of a chat-format model (every OpenAI chat model except gpt-oss), as pieces
 * (pieces.ts): what `countChatTokens` counts and `encodeChat` encodes. The token counts are the
 * API's (shared/docs/counting-rules.md, docs/tool-rendering.md); the text around them is public
 * only in part, so some tokens are format tokens standing for text nobody has published:
 *
 *   message        <|start|>{role}<|message|>{content}<|end|>              3 + role + content
 *     with a name  <|start|>{role}<|unknown|>{name}<|message|>…            + name + 1
 *     gpt-3.5-turbo-0301  <|start|>{name or role}\n{content}<|end|>\n      4 per message, the name replaces the role
 *   one tool call  <|start|>assistant to=functions.{name}<|message|>{content}{arguments}<|end|>
 *   a result       <|start|>{function name}<|message|>{content}<|end|>     no role word
 *   tools          <|start|>system<|message|><|unknown|>×5{namespace}<|end|>   namespace + 9, placed first;
 *                  with a system message, <|unknown|>×5{namespace} inside it, after its content + "\n" (+ 5)
 *   tool_choice    "none" <|unknown|>; a named tool <|unknown|>×7{name}; function_call {name} <|unknown|>×4{name}
 *   reply priming  <|start|>assistant<|message|>                          3
 *
 * `<|start|>`, `<|message|>` and `<|end|>` are the names the cookbook gives the framing ("every
 * reply is primed with <|start|>assistant<|message|>"); `<|unknown|>` is one token whose text is not
 * public. chat-format-tokens.ts gives them ids.
 */
import { UnsupportedContentError } from './errors.js';
import { internalError } from '../errors.js';
import { renderNamespace } from './function-namespace.js';
import type { MessageFormat } from './message-format.js';
import { PromptPieces } from './pieces.js';
import { isSystemLike, toolCallNames, type PreparedRequest } from './prepare.js';
import type { ToolLayout } from './tool-layouts.js';
import type { AudioPart, ChatMessage, FilePart, ImagePart } from './types.js';

export const START = '<|start|>';
export const MESSAGE = '<|message|>';
export const END = '<|end|>';
/** One token the server adds whose text is not public. */
export const UNKNOWN = '<|unknown|>';

/** Tokens of the tools block besides the namespace, beyond a message's framing and role: 9 − 4. */
const TOOLS_HEADER_TOKENS = 5;
/** `tool_choice` naming a function: 7 + name; legacy `function_call: { name }`: 4 + name; "none": 1. */
const TOOL_CHOICE_TOKENS = 7;
const FUNCTION_CALL_TOKENS = 4;
const CHOICE_NONE_TOKENS = 1;

/** Which part of the count a section belongs to. */
export type ChatPart =
  | { readonly kind: 'message'; readonly index: number }
  | { readonly kind: 'tools' }
  | { readonly kind: 'toolChoice' }
  | { readonly kind: 'replyPriming' };

export interface ChatSection {
  readonly part: ChatPart;
  readonly pieces: PromptPieces;
}

export interface ChatPrompt {
  /** In prompt order. A message the tools are merged into has two sections, around the tools. */
  readonly sections: readonly ChatSection[];
  /** True when the messages hold two or more tool calls (see ChatTokenCount.approximate). */
  readonly approximate: boolean;
}

/**
 * What to do with a media part (an image, audio, a file): count it (countChatTokens) or refuse it
 * (encodeChat). OpenAI's counting takes images only (`refuseAudioAndFiles`); a Gemini model's counts
 * each kind by Google's rules.
 */
export type MediaHandler = (part: ImagePart | AudioPart | FilePart, field: string, messageIndex: number) => void;

/** Refuses audio and file parts, which OpenAI's servers convert in ways tokmeter cannot count offline; returns an image part. */
export function refuseAudioAndFiles(part: ImagePart | AudioPart | FilePart, field: string): ImagePart {
  if (part.type === 'input_audio') throw new UnsupportedContentError(field, 'is audio; audio tokens depend on the decoded audio and cannot be counted offline. Remove it or count it separately.');
  if (part.type === 'file') throw new UnsupportedContentError(field, 'is a file; file inputs are converted on the server and cannot be counted offline. Send its text as a text part instead.');
  return part;
}

function unknown(pieces: PromptPieces, n: number): PromptPieces {
  for (let i = 0; i < n; i++) pieces.special(UNKNOWN);
  return pieces;
}

class ChatFormatWriter {
  private readonly newlineFraming: boolean;

  constructor(private readonly format: MessageFormat) {
    // The two framings the counts support: 3 tokens with the name after the role, or the 2023
    // ChatML of gpt-3.5-turbo-0301 (4 tokens, the name in place of the role).
    const modern = format.tokensPerMessage === 3 && format.tokensPerName === 1 && format.replyPriming === 3;
    const chatml = format.tokensPerMessage === 4 && format.tokensPerName === -1 && format.replyPriming === 3;
    if (!modern && !chatml) throw internalError(`MESSAGE_FORMATS record ${format.models.join(', ')} has a framing the prompt writer does not know`);
    this.newlineFraming = chatml;
  }

  /** `<|start|>{role}[name]<|message|>` (or `\n` in the 2023 framing). */
  open(header: string, name?: string): PromptPieces {
    const pieces = new PromptPieces().special(START);
    if (name === undefined) pieces.text(header);
    else if (this.newlineFraming) pieces.text(name);
    else pieces.text(header).special(UNKNOWN).text(name);
    return this.newlineFraming ? pieces.text('\n') : pieces.special(MESSAGE);
  }

  close(pieces: PromptPieces = new PromptPieces()): PromptPieces {
    pieces.special(END);
    return this.newlineFraming ? pieces.text('\n') : pieces;
  }
}

interface MessageSections {
  readonly before: PromptPieces;
  /** The closing pieces, kept apart so the tools can be merged in before them. */
  readonly after: PromptPieces;
  /** Calls after the first when there are several, each its own run of pieces. */
  readonly extra: PromptPieces;
  /** Function and tool calls in the message. */
  readonly calls: number;
}

function contentPieces(message: ChatMessage, field: string, index: number, pad: boolean, onMedia: MediaHandler): PromptPieces {
  const pieces = new PromptPieces();
  const content = message.content;
  if (typeof content === 'string') {
    pieces.text(pad ? `${content}\n` : content);
  } else if (Array.isArray(content)) {
    const lastText = content.map((part) => part.type).lastIndexOf('text');
    content.forEach((part, p) => {
      const partField = `${field}.content[${p}]`;
      switch (part.type) {
        case 'text':
          pieces.text(pad && p === lastText ? `${part.text}\n` : part.text);
          break;
        case 'refusal':
          pieces.text(part.refusal);
          break;
        case 'image_url':
        case 'input_audio':
        case 'file':
          onMedia(part, partField, index);
          break;
      }
    });
  }
  if (typeof message.refusal === 'string') pieces.text(message.refusal);
  return pieces;
}

function writeMessage(
  writer: ChatFormatWriter,
  message: ChatMessage,
  index: number,
  field: string,
  pad: boolean,
  callNames: Map<string, string>,
  onMedia: MediaHandler,
): MessageSections {
  const content = contentPieces(message, field, index, pad, onMedia);
  const extra = new PromptPieces();

  if (message.role === 'tool' || message.role === 'function') {
    let name = message.name;
    if (message.role === 'tool' && name === undefined && message.tool_call_id !== undefined) name = callNames.get(message.tool_call_id);
    if (name === undefined) {
      // A result that answers no call (the API refuses such a request): 2 + content, as before.
      return { before: new PromptPieces().special(START).append(content), after: new PromptPieces().special(END), extra, calls: 0 };
    }
    // A result is written under its function's name, without the role word (hmarr-19…21, -24).
    return { before: writer.open(name).append(content), after: writer.close(), extra, calls: 0 };
  }

  const calls: { name: string; arguments: string }[] = [];
  if (message.function_call != null) calls.push(message.function_call);
  message.tool_calls?.forEach((call, c) => {
    if (call.type !== 'function') {
      throw new UnsupportedContentError(`${field}.tool_calls[${c}]`, 'is a custom tool call; how the server renders custom tools is not published, so it cannot be counted.');
    }
    calls.push(call.function);
  });

  if (calls.length === 1) {
    // One call: the header is `assistant to=functions.{name}`, encoded as one piece, as harmony
    // writes a recipient. It reproduces every API-observed single call (hmarr-22, -23,
    // forestwanglin issue 5, and community.openai.com/t/538914, where `calculator` alone is one
    // token but `.cal` + `culator` are two: 40 billed, 39 with role + name counted apart).
    const call = calls[0]!;
    const before = writer.open(`${message.role} to=functions.${call.name}`, message.name).append(content).text(call.arguments);
    return { before, after: writer.close(), extra, calls: 1 };
  }
  for (const call of calls) {
    // Several calls: the wrapper the server writes is not public; each call is counted alone.
    writer.close(writer.open(call.name).text(call.arguments)).pieces.forEach((p) => extra.pieces.push(p));
  }
  return { before: writer.open(message.role, message.name).append(content), after: writer.close(), extra, calls: calls.length };
}

function toolChoicePieces(request: PreparedRequest): PromptPieces {
  const pieces = new PromptPieces();
  const fc = request.functionCall;
  if (fc === 'none') unknown(pieces, CHOICE_NONE_TOKENS);
  else if (typeof fc === 'object') unknown(pieces, FUNCTION_CALL_TOKENS).text(fc.name);
  const tc = request.toolChoice;
  if (tc === 'none') unknown(pieces, CHOICE_NONE_TOKENS);
  else if (typeof tc === 'object' && tc.type === 'function') unknown(pieces, TOOL_CHOICE_TOKENS).text(tc.function.name);
  return pieces;
}

/** The prompt of `request` in the chat format `format`, tool schemas laid out as `layout`. */
export function writeChatPrompt(request: PreparedRequest, format: MessageFormat, layout: ToolLayout, onMedia: MediaHandler): ChatPrompt {
  const writer = new ChatFormatWriter(format);
  const hasFunctions = request.functions.length > 0;
  const mergeInto = hasFunctions ? request.messages.findIndex(isSystemLike) : -1;
  const callNames = toolCallNames(request.messages);
  const sections: ChatSection[] = [];

  let tools: PromptPieces | undefined;
  if (hasFunctions) {
    tools = unknown(new PromptPieces(), TOOLS_HEADER_TOKENS).text(renderNamespace(request.functions, layout));
    if (mergeInto < 0) {
      const block = new PromptPieces().special(START).text('system').special(MESSAGE).append(tools).special(END);
      sections.push({ part: { kind: 'tools' }, pieces: block });
    }
  }
  const choice = toolChoicePieces(request);
  if (choice.pieces.length > 0) sections.push({ part: { kind: 'toolChoice' }, pieces: choice });

  let calls = 0;
  request.messages.forEach((message, index) => {
    const part = { kind: 'message', index } as const;
    const written = writeMessage(writer, message, index, request.fieldOf(index), index === mergeInto, callNames, onMedia);
    sections.push({ part, pieces: written.before });
    if (index === mergeInto && tools !== undefined) sections.push({ part: { kind: 'tools' }, pieces: tools });
    sections.push({ part, pieces: written.after.append(written.extra) });
    calls += written.calls;
  });
  sections.push({ part: { kind: 'replyPriming' }, pieces: writer.open('assistant') });
  // Two or more calls in the conversation, in one message or in several, are billed above the
  // single-call rule by a text that is not public (community.openai.com/t/538914: 40 billed for
  // one call and its result, 89 for two, 114 for three, +25 for each further one, against 64, 88
  // and 112 counted if each call has its own message, or 58, 77 and 96 if they share one).
  return { sections, approximate: calls >= 2 };
}
