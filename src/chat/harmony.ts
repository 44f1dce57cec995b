/**
 * The harmony format of the gpt-oss models (o200k_harmony). Layout from the harmony guide
 * (openai/openai-cookbook `articles/openai-harmony.md`) and its reference renderer
 * (openai/harmony `src/encoding.rs` @ec7606d, v0.0.8):
 *
 *     <|start|>{role}[:{name}][ to={recipient}][<|channel|>{channel}][ {content type}]<|message|>{content}<|end|>
 *
 * and a request ends with `<|start|>assistant`. Formatting tokens count 1 each (`<|constrain|>` in
 * a content type too); every text piece (role, name, recipient, channel, content) is encoded on its
 * own as ordinary text, as the renderer does, so text that looks like a special token is never a
 * special token.
 *
 * A Chat Completions request maps onto harmony the way the guide lays out a conversation:
 * a system message (identity, dates, reasoning effort, channels), then the request's first
 * system/developer message as the developer message `# Instructions` plus the `# Tools` section,
 * then the rest. Past assistant text goes to the `final` channel, tool calls are
 * `assistant to=functions.{name}<|channel|>commentary <|constrain|>json` ending in `<|call|>`, tool
 * results come from `functions.{name} to=assistant<|channel|>commentary`. Hosting stacks may differ
 * in the system message (date, effort).
 */
import { ChatValidationError, UnsupportedContentError } from './errors.js';
import type { ChatTokenCount } from './count-result.js';
import { renderHarmonyType } from './harmony-types.js';
import { readHarmonyOptions, type HarmonyOptions } from './options.js';
import { PromptPieces } from './pieces.js';
import { isSystemLike, prepareChatRequest, toolCallNames, type PreparedRequest } from './prepare.js';
import type { ChatTokenizer } from './tokenizer.js';
import type { ChatMessage, ChatRequest, FunctionDefinition } from './types.js';

export type { HarmonyOptions } from './options.js';

/** The content type harmony writes with `<|constrain|>` as one special token (harmony 0.0.8, commit 8a4645f). */
const CONSTRAIN = '<|constrain|>';

interface Header {
  /** Written after the role: ` to=functions.x` for a call, ` to=assistant` for a tool result. */
  recipient?: string;
  channel?: string;
  contentType?: string;
}

/**
 * `<|start|>{role}[ to={recipient}][<|channel|>{channel}][ {content type}]<|message|>{content}`, in
 * the order openai/harmony's renderer writes a header (`src/encoding.rs`@ec7606d, `Render<Message>`).
 * A content type that starts with `<|constrain|>` is written as " ", the special token, then the rest:
 * the renderer's fix of 2025-08-08 (8a4645f, "Fix tokenization of <|constrain|> content type"), which
 * its test `test_does_not_drop_if_ongoing_analysis` checks against the rendered text.
 */
function message(role: string, content: string, header: Header = {}, name?: string): PromptPieces {
  const m = new PromptPieces().special('<|start|>').text(role);
  if (name !== undefined) m.text(`:${name}`);
  if (header.recipient !== undefined) m.text(` to=${header.recipient}`);
  if (header.channel !== undefined) m.special('<|channel|>').text(header.channel);
  if (header.contentType !== undefined) {
    if (header.contentType.startsWith(CONSTRAIN)) m.text(' ').special(CONSTRAIN).text(header.contentType.slice(CONSTRAIN.length));
    else m.text(` ${header.contentType}`);
  }
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
export function renderHarmonySystem(options: HarmonyOptions, hasFunctions: boolean): PromptPieces {
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

function developer(instructions: string | undefined, functions: readonly FunctionDefinition[]): PromptPieces {
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
function renderMessage(m: ChatMessage, field: string, callNames: Map<string, string>): PromptPieces[] {
  const content = textOf(m, field);
  switch (m.role) {
    case 'user':
      return [message('user', content, {}, m.name).special('<|end|>')];
    case 'system':
    case 'developer':
      return [developer(content, [])];
    case 'assistant': {
      const out: PromptPieces[] = [];
      const calls = [...(m.function_call != null ? [m.function_call] : [])];
      m.tool_calls?.forEach((call, c) => {
        if (call.type !== 'function') throw new UnsupportedContentError(`${field}.tool_calls[${c}]`, 'is a custom tool call; gpt-oss calls functions only.');
        calls.push(call.function);
      });
      if (content !== '') out.push(message('assistant', content, { channel: calls.length > 0 ? 'commentary' : 'final' }).special('<|end|>'));
      for (const call of calls) {
        out.push(message('assistant', call.arguments, { recipient: `functions.${call.name}`, channel: 'commentary', contentType: `${CONSTRAIN}json` }).special('<|call|>'));
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
      return [message(`functions.${name}`, content, { recipient: 'assistant', channel: 'commentary' }).special('<|end|>')];
    }
  }
}

/** Render a prepared request as the harmony text a gpt-oss model reads. */
export function renderHarmony(request: PreparedRequest, options: HarmonyOptions = {}): { system: PromptPieces; messages: PromptPieces[][]; tools?: PromptPieces; priming: PromptPieces } {
  const hasFunctions = request.functions.length > 0;
  const firstInstructions = request.messages.findIndex(isSystemLike);
  const callNames = toolCallNames(request.messages);

  const messages = request.messages.map((m, i) =>
    i === firstInstructions ? [developer(textOf(m, request.fieldOf(i)), request.functions)] : renderMessage(m, request.fieldOf(i), callNames),
  );
  const tools = hasFunctions && firstInstructions < 0 ? developer(undefined, request.functions) : undefined;
  return {
    system: renderHarmonySystem(options, hasFunctions),
    messages,
    ...(tools === undefined ? {} : { tools }),
    priming: new PromptPieces().special('<|start|>').text('assistant'),
  };
}

/** The full prompt as pieces, in order. */
export function harmonyPieces(rendered: ReturnType<typeof renderHarmony>): PromptPieces {
  const prompt = new PromptPieces().append(rendered.system);
  if (rendered.tools !== undefined) prompt.append(rendered.tools);
  for (const message of rendered.messages.flat()) prompt.append(message);
  return prompt.append(rendered.priming);
}

/** Count a prepared gpt-oss request. Tools are attributed separately from the instructions they share a message with. */
export function countHarmony(request: PreparedRequest, tokenizer: ChatTokenizer, options: HarmonyOptions): ChatTokenCount {
  const rendered = renderHarmony(request, options);
  const firstInstructions = request.messages.findIndex(isSystemLike);
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
  return harmonyPieces(renderHarmony(prepareChatRequest(request), checked)).toString();
}
