/**
 * The harmony format of the gpt-oss models (o200k_harmony). Layout from the harmony guide
 * (openai/openai-cookbook `articles/openai-harmony.md`) and its reference renderer
 * (openai/harmony `src/encoding.rs` @f573ab5):
 *
 *     <|start|>{role}[:{name}][<|channel|>{channel}][ to={recipient}][ {content type}]<|message|>{content}<|end|>
 *
 * (a tool result puts its recipient in the role section: `functions.x to=assistant<|channel|>…`,
 * as the guide shows) and a request ends with `<|start|>assistant`. Formatting tokens count 1 each; every text piece
 * (role, channel, recipient, content) is encoded on its own as ordinary text, as the renderer does,
 * so text that looks like a special token is never a special token.
 *
 * A Chat Completions request maps onto harmony the way the guide lays out a conversation:
 * a system message (identity, dates, reasoning effort, channels), then the request's first
 * system/developer message as the developer message `# Instructions` plus the `# Tools` section,
 * then the rest. Past assistant text goes to the `final` channel, tool calls to
 * `commentary to=functions.{name} <|constrain|>json` ending in `<|call|>`, tool results come from
 * `functions.{name} to=assistant`. Hosting stacks may differ in the system message (date, effort).
 */
import { ChatValidationError, UnsupportedContentError } from './errors.js';
import { prepareChatRequest, type ChatTokenCount, type PreparedRequest } from './count-chat.js';
import { renderHarmonyType } from './harmony-types.js';
import { readHarmonyOptions } from './options.js';
import type { ChatTokenizer } from './tokenizer.js';
import type { ChatMessage, ChatRequest, FunctionDefinition } from './types.js';

export interface HarmonyOptions {
  /** @default 'You are ChatGPT, a large language model trained by OpenAI.' */
  readonly modelIdentity?: string;
  /** @default '2024-06' */
  readonly knowledgeCutoff?: string;
  /** `YYYY-MM-DD`. @default today's date (UTC) */
  readonly currentDate?: string;
  /** @default 'medium' */
  readonly reasoningEffort?: 'low' | 'medium' | 'high';
}

type Piece = { special: string } | { text: string };

/** One rendered harmony message: its pieces, so it can be both shown and counted. */
export class HarmonyMessage {
  readonly pieces: Piece[] = [];
  special(token: string): this {
    this.pieces.push({ special: token });
    return this;
  }
  text(text: string): this {
    if (text !== '') this.pieces.push({ text });
    return this;
  }
  toString(): string {
    return this.pieces.map((p) => ('special' in p ? p.special : p.text)).join('');
  }
  count(tokenizer: ChatTokenizer): number {
    return this.pieces.reduce((sum, p) => sum + ('special' in p ? 1 : tokenizer.count(p.text)), 0);
  }
}

interface Header {
  /** A recipient written in the role section (tool results: `functions.x to=assistant<|channel|>…`). */
  roleRecipient?: string;
  channel?: string;
  /** A recipient written after the channel (tool calls: `<|channel|>commentary to=functions.x`). */
  recipient?: string;
  contentType?: string;
}

function message(role: string, content: string, header: Header = {}): HarmonyMessage {
  const m = new HarmonyMessage().special('<|start|>').text(role);
  if (header.roleRecipient !== undefined) m.text(` to=${header.roleRecipient}`);
  if (header.channel !== undefined) m.special('<|channel|>').text(header.channel);
  if (header.recipient !== undefined) m.text(` to=${header.recipient}`);
  if (header.contentType !== undefined) m.text(` ${header.contentType}`);
  return m.special('<|message|>').text(content);
}

/** The `# Tools` section listing function tools in the `functions` namespace. */
export function renderHarmonyTools(functions: readonly FunctionDefinition[]): string {
  const lines = ['## functions\n', 'namespace functions {\n'];
  for (const fn of functions) {
    if (fn.description !== undefined && fn.description !== '') {
      for (const line of fn.description.split('\n')) lines.push(`// ${line}`);
    }
    lines.push(fn.parameters === undefined ? `type ${fn.name} = () => any;\n` : `type ${fn.name} = (_: ${renderHarmonyType(fn.parameters, '')}) => any;\n`);
  }
  lines.push('} // namespace functions');
  return ['# Tools', lines.join('\n')].join('\n\n');
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The system message the renderer builds from its settings. */
export function renderHarmonySystem(options: HarmonyOptions, hasFunctions: boolean): HarmonyMessage {
  const top = [
    options.modelIdentity ?? 'You are ChatGPT, a large language model trained by OpenAI.',
    `Knowledge cutoff: ${options.knowledgeCutoff ?? '2024-06'}`,
    `Current date: ${options.currentDate ?? today()}`,
  ].join('\n');
  let channels = '# Valid channels: analysis, commentary, final. Channel must be included for every message.';
  if (hasFunctions) channels += "\nCalls to these tools must go to the commentary channel: 'functions'.";
  const body = [top, `Reasoning: ${options.reasoningEffort ?? 'medium'}`, channels].join('\n\n');
  return message('system', body).special('<|end|>');
}

function developer(instructions: string | undefined, functions: readonly FunctionDefinition[]): HarmonyMessage {
  const sections: string[] = [];
  if (instructions !== undefined) sections.push('# Instructions', instructions);
  if (functions.length > 0) sections.push(renderHarmonyTools(functions));
  return message('developer', sections.join('\n\n')).special('<|end|>');
}

function textOf(message: ChatMessage, field: string): string {
  const content = message.content;
  if (content === undefined || content === null) return '';
  if (typeof content === 'string') return content;
  return content
    .map((part, p) => {
      if (part.type === 'text') return part.text;
      if (part.type === 'refusal') return part.refusal;
      throw new UnsupportedContentError(`${field}.content[${p}]`, `is ${part.type === 'image_url' ? 'an image' : `a ${part.type} part`}; gpt-oss models take text only.`);
    })
    .join('');
}

/** Render each request message as harmony messages (an assistant turn with tool calls renders several). */
function renderMessage(m: ChatMessage, field: string, callNames: Map<string, string>): HarmonyMessage[] {
  const content = textOf(m, field);
  switch (m.role) {
    case 'user':
      return [message(m.name === undefined ? 'user' : `user:${m.name}`, content).special('<|end|>')];
    case 'system':
    case 'developer':
      return [developer(content, [])];
    case 'assistant': {
      const out: HarmonyMessage[] = [];
      const calls = [...(m.function_call != null ? [m.function_call] : [])];
      m.tool_calls?.forEach((call, c) => {
        if (call.type !== 'function') throw new UnsupportedContentError(`${field}.tool_calls[${c}]`, 'is a custom tool call; gpt-oss calls functions only.');
        calls.push(call.function);
      });
      if (content !== '') out.push(message('assistant', content, { channel: calls.length > 0 ? 'commentary' : 'final' }).special('<|end|>'));
      for (const call of calls) {
        out.push(
          message('assistant', call.arguments, { channel: 'commentary', recipient: `functions.${call.name}`, contentType: '<|constrain|>json' }).special('<|call|>'),
        );
      }
      return out;
    }
    case 'tool':
    case 'function': {
      const name = m.role === 'function' ? m.name : m.tool_call_id === undefined ? undefined : callNames.get(m.tool_call_id);
      if (name === undefined) {
        throw new ChatValidationError(`${field}.tool_call_id`, 'does not match a tool call in an earlier assistant message; harmony names a tool result after its function.');
      }
      // The guide's tool-message format: <|start|>{toolname} to=assistant<|channel|>commentary<|message|>{output}<|end|>
      return [message(`functions.${name}`, content, { roleRecipient: 'assistant', channel: 'commentary' }).special('<|end|>')];
    }
  }
}

/** Render a prepared request as the harmony text a gpt-oss model reads. */
export function renderHarmony(request: PreparedRequest, options: HarmonyOptions = {}): { system: HarmonyMessage; messages: HarmonyMessage[][]; tools?: HarmonyMessage; priming: HarmonyMessage } {
  const hasFunctions = request.functions.length > 0;
  const firstInstructions = request.messages.findIndex((m) => m.role === 'system' || m.role === 'developer');
  const callNames = new Map<string, string>();
  for (const m of request.messages) for (const call of m.tool_calls ?? []) if (call.id !== undefined && call.type === 'function') callNames.set(call.id, call.function.name);

  const messages = request.messages.map((m, i) =>
    i === firstInstructions ? [developer(textOf(m, request.fieldOf(i)), request.functions)] : renderMessage(m, request.fieldOf(i), callNames),
  );
  const tools = hasFunctions && firstInstructions < 0 ? developer(undefined, request.functions) : undefined;
  return {
    system: renderHarmonySystem(options, hasFunctions),
    messages,
    ...(tools === undefined ? {} : { tools }),
    priming: new HarmonyMessage().special('<|start|>').text('assistant'),
  };
}

/** The full prompt as text, in order. */
export function harmonyText(rendered: ReturnType<typeof renderHarmony>): string {
  const developerTools = rendered.tools === undefined ? [] : [rendered.tools];
  return [rendered.system, ...developerTools, ...rendered.messages.flat(), rendered.priming].map(String).join('');
}

/** Count a prepared gpt-oss request. Tools are attributed separately from the instructions they share a message with. */
export function countHarmony(request: PreparedRequest, tokenizer: ChatTokenizer, options: HarmonyOptions): ChatTokenCount {
  const rendered = renderHarmony(request, options);
  const firstInstructions = request.messages.findIndex((m) => m.role === 'system' || m.role === 'developer');
  const messages = rendered.messages.map((parts) => parts.reduce((sum, m) => sum + m.count(tokenizer), 0));
  let tools = rendered.tools?.count(tokenizer) ?? 0;
  if (request.functions.length > 0 && firstInstructions >= 0) {
    const first = request.messages[firstInstructions] as ChatMessage;
    const withoutTools = developer(textOf(first, request.fieldOf(firstInstructions)), []).count(tokenizer);
    tools = (messages[firstInstructions] ?? 0) - withoutTools;
    messages[firstInstructions] = withoutTools;
  }
  const preamble = rendered.system.count(tokenizer);
  const replyPriming = rendered.priming.count(tokenizer);
  const total = preamble + tools + messages.reduce((a, b) => a + b, 0) + replyPriming;
  return {
    total,
    messages,
    tools,
    toolChoice: 0,
    images: 0,
    replyPriming,
    preamble,
    imageDetails: [],
    model: request.model,
    encoding: tokenizer.encoding,
    approximate: false,
    format: 'harmony',
  };
}

/**
 * The harmony prompt text a gpt-oss model reads for a Chat Completions request, special tokens
 * written out (`<|start|>user<|message|>…`). Useful to see what `countChatTokens` counted.
 */
export function renderHarmonyPrompt<R extends ChatRequest>(request: R, options?: HarmonyOptions): string {
  const checked = options === undefined ? {} : readHarmonyOptions(options, 'renderHarmonyPrompt', 'options');
  return harmonyText(renderHarmony(prepareChatRequest(request), checked));
}
