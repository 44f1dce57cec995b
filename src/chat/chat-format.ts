/**
 * The prompt of a chat-format model (every OpenAI chat model except gpt-oss), as pieces
 * (pieces.ts): what `countChatTokens` counts and `encodeChat` encodes. The token counts are the
 * API's (shared/docs/counting-rules.md, docs/tool-rendering.md); the text around them is public
 * only in part, so some tokens are format tokens standing for text nobody has published:
 *
 *   message        <|start|>{role}<|message|>{content}<|end|>              3 + role + content
 *     with a name  <|start|>{role}<|unknown|>{name}<|message|>…            + name + 1
 *     gpt-3.5-turbo-0301  <|start|>{name or role}\n{content}<|end|>\n      4 per message, the name replaces the role
 *     gpt-5        an earlier assistant message <|start|>assistant<|unknown|>×2<|message|>…   its channel (+ 2)
 *   one tool call  <|start|>assistant to=functions.{name}<|message|>{content}{arguments}<|unknown|>×k<|end|>
 *                  k = 0 (2023), 3 (2024 on), arguments written back compact from 2024 on
 *   a result       <|start|>{function name}<|message|>{content}<|end|>     no role word
 *   several calls  <|start|>assistant to=multi_tool_use.parallel<|message|>{"tool_uses":[…]}<|unknown|>×k<|end|>
 *     (2024 on)    <|start|>multi_tool_use.parallel<|message|>[{output}, …]<|end|>   the results gathered
 *   tools          <|start|>system<|message|><|unknown|>×5{namespace}<|end|>   namespace + 9, placed first;
 *                  with a system message, <|unknown|>×5{namespace} inside it, after its content + "\n" (+ 5)
 *                  gpt-5: <|unknown|>×87, never inside the system message
 *   tool_choice    "none" <|unknown|>; a named tool <|unknown|>×6functions.{name}; function_call {name} <|unknown|>×4{name}
 *   reply priming  <|start|>assistant<|message|>                          3 (gpt-5, o3-mini: <|start|>assistant, 2)
 *
 * Which of these a model gets is data (message-format.ts). `<|start|>`, `<|message|>` and `<|end|>`
 * are the names the cookbook gives the framing ("every reply is primed with
 * <|start|>assistant<|message|>"); `<|unknown|>` is one token whose text is not public.
 * chat-format-tokens.ts gives them ids.
 */
import { UnsupportedContentError } from './errors.js';
import { internalError } from '../errors.js';
import { renderNamespace } from './function-namespace.js';
import type { MessageFormat, ToolCallFormat } from './message-format.js';
import { PromptPieces } from './pieces.js';
import { isSystemLike, toolCallNames, type PreparedRequest } from './prepare.js';
import type { ToolLayout } from './tool-layouts.js';
import type { AudioPart, ChatMessage, FilePart, ImagePart } from './types.js';

export const START = '<|start|>';
export const MESSAGE = '<|message|>';
export const END = '<|end|>';
/** One token the server adds whose text is not public. */
export const UNKNOWN = '<|unknown|>';

/**
 * `tool_choice` naming a function: 6 + `functions.{name}` encoded as one piece (39 API-observed
 * requests; `TrainingTaskEvaluation` is 3 tokens alone but 4 after `functions.`, and the count
 * follows the latter); legacy `function_call: { name }`: 4 + name; "none": 1.
 */
const TOOL_CHOICE_TOKENS = 6;
const FUNCTION_CALL_TOKENS = 4;
const CHOICE_NONE_TOKENS = 1;
/** The tool the server writes several calls of one message to (the leaked gpt-4o prompt's `multi_tool_use` namespace). */
const PARALLEL = 'multi_tool_use.parallel';

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

  constructor(readonly format: MessageFormat) {
    // The two framings the counts support: 3 tokens with the name after the role (the reply primed
    // with 3 tokens, or 2 on the reasoning models), or the 2023 ChatML of gpt-3.5-turbo-0301 (4
    // tokens, the name in place of the role).
    const modern = format.tokensPerMessage === 3 && format.tokensPerName === 1 && (format.replyPriming === 3 || format.replyPriming === 2);
    const chatml = format.tokensPerMessage === 4 && format.tokensPerName === -1 && format.replyPriming === 3 && format.assistantChannel === 0;
    if (!modern && !chatml) throw internalError(`MESSAGE_FORMATS record ${format.models.join(', ')} has a framing the prompt writer does not know`);
    this.newlineFraming = chatml;
  }

  /** `<|start|>{role}[name][channel]<|message|>` (or `\n` in the 2023 framing). */
  open(header: string, name?: string, channel = 0): PromptPieces {
    const pieces = new PromptPieces().special(START);
    if (name === undefined) pieces.text(header);
    else if (this.newlineFraming) pieces.text(name);
    else pieces.text(header).special(UNKNOWN).text(name);
    unknown(pieces, channel);
    return this.newlineFraming ? pieces.text('\n') : pieces.special(MESSAGE);
  }

  /** The header of an earlier assistant message, with the channel the format gives it. */
  openAssistant(header: string, name?: string): PromptPieces {
    return this.open(header, name, this.format.assistantChannel);
  }

  close(pieces: PromptPieces = new PromptPieces()): PromptPieces {
    pieces.special(END);
    return this.newlineFraming ? pieces.text('\n') : pieces;
  }

  /** `<|start|>assistant<|message|>`, or `<|start|>assistant` where the reply is primed with 2 tokens. */
  priming(): PromptPieces {
    return this.format.replyPriming === 3 ? this.open('assistant') : new PromptPieces().special(START).text('assistant');
  }
}

/**
 * JSON text written back as the server stores it after parsing: without spaces (`JSON.stringify`),
 * or as sent when it is not JSON.
 */
function compactJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return text;
  }
}

/**
 * A value as Python's `json.dumps` writes it with its default separators (`", "`, `": "`) and
 * non-ASCII text kept: the form of the gathered results of parallel calls.
 */
function pythonJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${pythonJson(v)}`).join(', ')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Text as the server reads it into a JSON document: its value when it is JSON, else the string. */
function jsonValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The arguments of a call as the format writes them. */
function callArguments(format: ToolCallFormat, args: string): string {
  return format.arguments === 'compact' ? compactJson(args) : args;
}

/** The function calls of an assistant message (legacy `function_call` first), custom tool calls refused. */
function callsOf(message: ChatMessage, field: string): { name: string; arguments: string }[] {
  const calls: { name: string; arguments: string }[] = [];
  if (message.function_call != null) calls.push(message.function_call);
  message.tool_calls?.forEach((call, c) => {
    if (call.type !== 'function') {
      throw new UnsupportedContentError(`${field}.tool_calls[${c}]`, 'is a custom tool call; how the server renders custom tools is not published, so it cannot be counted.');
    }
    calls.push(call.function);
  });
  return calls;
}

/**
 * Where the results of parallel calls go: for each tool message answering a call of a message with
 * several calls (written as one `multi_tool_use.parallel` call), the index of the first such result
 * of that message, which carries them all; the others carry nothing.
 */
function gatheredResults(messages: readonly ChatMessage[]): Map<number, number[]> {
  const groupOf = new Map<string, number>();
  messages.forEach((message, index) => {
    const ids = (message.tool_calls ?? []).flatMap((call) => (call.type === 'function' && call.id !== undefined ? [call.id] : []));
    if ((message.tool_calls?.length ?? 0) + (message.function_call != null ? 1 : 0) >= 2) for (const id of ids) groupOf.set(id, index);
  });
  const first = new Map<number, number>();
  const gathered = new Map<number, number[]>();
  messages.forEach((message, index) => {
    if (message.role !== 'tool' || message.tool_call_id === undefined) return;
    const group = groupOf.get(message.tool_call_id);
    if (group === undefined) return;
    const carrier = first.get(group) ?? index;
    first.set(group, carrier);
    gathered.set(carrier, [...(gathered.get(carrier) ?? []), index]);
    if (carrier !== index) gathered.set(index, []);
  });
  return gathered;
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

/** What writing one message needs besides the message. */
interface MessageContext {
  readonly writer: ChatFormatWriter;
  readonly messages: readonly ChatMessage[];
  /** The function name each tool call id refers to. */
  readonly callNames: Map<string, string>;
  /** Results of parallel calls: the first carries the indices of all, the others an empty list. */
  readonly gathered: Map<number, number[]>;
  readonly onMedia: MediaHandler;
}

/** The text of a tool or function result (a string, or its text parts joined). */
function resultText(message: ChatMessage): string {
  const content = message.content;
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((part) => (part.type === 'text' ? part.text : '')).join('');
}

/** The results of a message's parallel calls, gathered as the server writes them (one list). */
function writeGathered(ctx: MessageContext, indices: readonly number[]): MessageSections {
  const list = pythonJson(indices.map((i) => jsonValue(resultText(ctx.messages[i] as ChatMessage))));
  return { before: ctx.writer.open(PARALLEL).text(list), after: ctx.writer.close(), extra: new PromptPieces(), calls: 0 };
}

function writeMessage(ctx: MessageContext, message: ChatMessage, index: number, field: string, pad: boolean): MessageSections {
  const { writer } = ctx;
  const gathered = ctx.gathered.get(index);
  if (gathered !== undefined) {
    // A result of parallel calls: the first carries the list, the others are inside it.
    return gathered.length === 0 ? { before: new PromptPieces(), after: new PromptPieces(), extra: new PromptPieces(), calls: 0 } : writeGathered(ctx, gathered);
  }
  const content = contentPieces(message, field, index, pad, ctx.onMedia);
  const extra = new PromptPieces();

  if (message.role === 'tool' || message.role === 'function') {
    let name = message.name;
    if (message.role === 'tool' && name === undefined && message.tool_call_id !== undefined) name = ctx.callNames.get(message.tool_call_id);
    if (name === undefined) {
      // A result that answers no call (the API refuses such a request): 2 + content, as before.
      return { before: new PromptPieces().special(START).append(content), after: new PromptPieces().special(END), extra, calls: 0 };
    }
    // A result is written under its function's name, without the role word (hmarr-19…21, -24).
    return { before: writer.open(name).append(content), after: writer.close(), extra, calls: 0 };
  }

  const calls = callsOf(message, field);
  const format = writer.format.toolCalls;
  if (message.role !== 'assistant' || calls.length === 0) {
    const open = message.role === 'assistant' ? writer.openAssistant(message.role, message.name) : writer.open(message.role, message.name);
    return { before: open.append(content), after: writer.close(), extra, calls: 0 };
  }
  if (calls.length === 1) {
    // One call: the header is `assistant to=functions.{name}`, encoded as one piece, as harmony
    // writes a recipient. It reproduces every API-observed single call (hmarr-22, -23,
    // forestwanglin issue 5, and community.openai.com/t/538914, where `calculator` alone is one
    // token but `.cal` + `culator` are two: 40 billed, 39 with role + name counted apart).
    const call = calls[0]!;
    const before = writer.openAssistant(`${message.role} to=functions.${call.name}`, message.name).append(content).text(callArguments(format, call.arguments));
    return { before: unknown(before, format.tokensPerCallMessage), after: writer.close(), extra, calls: 1 };
  }
  if (format.parallelCalls === 'multi-tool-use') {
    // Several calls: one call to multi_tool_use.parallel, its arguments the list of calls with
    // their parsed arguments, written without spaces (29 of 29 cassette requests).
    const uses = calls.map((call) => ({ recipient_name: `functions.${call.name}`, parameters: jsonValue(call.arguments) }));
    const before = writer.openAssistant(`${message.role} to=${PARALLEL}`, message.name).append(content).text(JSON.stringify({ tool_uses: uses }));
    return { before: unknown(before, format.tokensPerCallMessage), after: writer.close(), extra, calls: calls.length };
  }
  for (const call of calls) {
    // Several calls in 2023: the wrapper the server wrote is not public; each call is counted alone.
    writer.close(writer.open(call.name).text(call.arguments)).pieces.forEach((p) => extra.pieces.push(p));
  }
  return { before: writer.openAssistant(message.role, message.name).append(content), after: writer.close(), extra, calls: calls.length };
}

function toolChoicePieces(request: PreparedRequest): PromptPieces {
  const pieces = new PromptPieces();
  const fc = request.functionCall;
  if (fc === 'none') unknown(pieces, CHOICE_NONE_TOKENS);
  else if (typeof fc === 'object') unknown(pieces, FUNCTION_CALL_TOKENS).text(fc.name);
  const tc = request.toolChoice;
  if (tc === 'none') unknown(pieces, CHOICE_NONE_TOKENS);
  else if (typeof tc === 'object' && tc.type === 'function') unknown(pieces, TOOL_CHOICE_TOKENS).text(`functions.${tc.function.name}`);
  return pieces;
}

/** The prompt of `request` in the chat format `format`, tool schemas laid out as `layout`. */
export function writeChatPrompt(request: PreparedRequest, format: MessageFormat, layout: ToolLayout, onMedia: MediaHandler): ChatPrompt {
  const writer = new ChatFormatWriter(format);
  const hasFunctions = request.functions.length > 0;
  const mergeInto = hasFunctions && format.tools.mergeIntoSystem ? request.messages.findIndex(isSystemLike) : -1;
  const ctx: MessageContext = {
    writer,
    messages: request.messages,
    callNames: toolCallNames(request.messages),
    gathered: format.toolCalls.parallelCalls === 'multi-tool-use' ? gatheredResults(request.messages) : new Map(),
    onMedia,
  };
  const sections: ChatSection[] = [];

  let tools: PromptPieces | undefined;
  if (hasFunctions) {
    tools = unknown(new PromptPieces(), format.tools.hiddenTokens).text(renderNamespace(request.functions, layout));
    if (mergeInto < 0) {
      const block = new PromptPieces().special(START).text('system').special(MESSAGE).append(tools).special(END);
      sections.push({ part: { kind: 'tools' }, pieces: block });
    }
  }
  const choice = format.tools.toolChoiceBilled ? toolChoicePieces(request) : new PromptPieces();
  if (choice.pieces.length > 0) sections.push({ part: { kind: 'toolChoice' }, pieces: choice });

  let calls = 0;
  request.messages.forEach((message, index) => {
    const part = { kind: 'message', index } as const;
    const written = writeMessage(ctx, message, index, request.fieldOf(index), index === mergeInto);
    sections.push({ part, pieces: written.before });
    if (index === mergeInto && tools !== undefined) sections.push({ part: { kind: 'tools' }, pieces: tools });
    sections.push({ part, pieces: written.after.append(written.extra) });
    calls += written.calls;
  });
  sections.push({ part: { kind: 'replyPriming' }, pieces: writer.priming() });
  // Counts are approximate where the format's rule is not known for them: several calls in the
  // 2023 format (community.openai.com/t/538914: 40 billed for one call and its result, 89 for two,
  // 114 for three, +25 for each further one, against 64, 88 and 112 counted if each call has its own
  // message, or 58, 77 and 96 if they share one), and the fitted gpt-5 tools block and calls.
  const approximate = calls > format.toolCalls.exactUpTo || (hasFunctions && !format.tools.exact);
  return { sections, approximate };
}
