/**
 * `countResponsesTokens`: the Responses API's `input` (a string or a list of items), with
 * `instructions` and `tools`, counted by mapping it onto the chat request it stands for:
 *
 *   instructions                  → a leading system message
 *   input: "text"                 → one user message
 *   { role, content }             → that message; input_text/output_text → text, input_image → image
 *   { type: "function_call" }     → an assistant message with one tool call
 *   { type: "function_call_output" } → a tool message answering that call
 *   tools: [{ type: "function", name, … }] → the function namespace
 *
 * The API has no published counts for this mapping; it rests on the Responses API being a
 * different wire format over the same prompt. For a server-side exact count use
 * `POST /v1/responses/input_tokens`.
 */
import type { z } from 'zod';
import { lazy, zod } from '../zod.js';
import { countPrepared } from './count-chat.js';
import type { ChatTokenCount } from './count-result.js';
import type { ChatCountOptions } from './options.js';
import type { PreparedRequest } from './prepare.js';
import { UnsupportedContentError } from './errors.js';
import { readChatCountOptions } from './options.js';
import { FunctionDefinitionSchema, parseOrThrow, readRequest } from './schema.js';
import { tokenizerForModel } from './tokenizer.js';
import type { ChatMessage, ContentPart, FunctionDefinition, ToolChoice } from './types.js';

/**
 * A Responses API request (`ResponseCreateParams`, or the `input_tokens` count params). Items and
 * tools are typed loosely here (the SDK's unions are large) and checked at run time.
 */
export interface ResponsesRequest {
  model?: string | null;
  input?: string | readonly object[] | null;
  instructions?: string | null;
  tools?: readonly object[] | null;
  tool_choice?: unknown;
}

/** The count of a Responses request; the numeric parts add up to `total`. */
export interface ResponsesTokenCount extends Omit<ChatTokenCount, 'messages'> {
  /** The `instructions` (0 when absent). */
  readonly instructions: number;
  /** Per input item (one entry for a string input). */
  readonly input: readonly number[];
}

const InputText = lazy((z) => z.looseObject({ type: z.enum(['input_text', 'output_text']), text: z.string() }));
const InputImage = lazy((z) => z.looseObject({
  type: z.literal('input_image'),
  image_url: z.string().nullable().optional(),
  file_id: z.string().nullable().optional(),
  detail: z.enum(['auto', 'low', 'high']).optional(),
}));
const InputFile = lazy((z) => z.looseObject({ type: z.literal('input_file') }));
const Refusal = lazy((z) => z.looseObject({ type: z.literal('refusal'), refusal: z.string() }));
const Part = lazy((z) => z.discriminatedUnion('type', [InputText(), InputImage(), InputFile(), Refusal()], {
  error: 'must be one of "input_text", "output_text", "input_image", "input_file", "refusal"',
}));

const MessageItem = lazy((z) => z.looseObject({
  type: z.literal('message').optional(),
  role: z.enum(['user', 'assistant', 'system', 'developer']),
  content: z.union([z.string(), z.array(Part())], { error: 'must be a string or an array of content parts' }),
}));
const FunctionCallItem = lazy((z) => z.looseObject({ type: z.literal('function_call'), call_id: z.string(), name: z.string(), arguments: z.string() }));
const FunctionCallOutputItem = lazy((z) => z.looseObject({
  type: z.literal('function_call_output'),
  call_id: z.string(),
  output: z.union([z.string(), z.array(Part())], { error: 'must be a string or an array of content parts' }),
}));

const RequestSchema = lazy((z) => z.looseObject({
  model: z.string({ error: 'must be a model id string such as "gpt-4o"' }).min(1),
  input: z.union([z.string(), z.array(z.looseObject({}), { error: 'must be a string or an array of input items' })]).nullable().optional(),
  instructions: z.string().nullable().optional(),
  tools: z.array(z.looseObject({ type: z.string() })).nullable().optional(),
}));

type Part = z.infer<ReturnType<typeof Part>>;

function toPart(part: Part, field: string): ContentPart {
  switch (part.type) {
    case 'input_text':
    case 'output_text':
      return { type: 'text', text: part.text };
    case 'refusal':
      return { type: 'refusal', refusal: part.refusal };
    case 'input_image': {
      const url = part.image_url ?? part.file_id;
      if (url === undefined || url === null) throw new UnsupportedContentError(field, 'is an image with neither image_url nor file_id.');
      return { type: 'image_url', image_url: { url, detail: part.detail ?? 'auto' } };
    }
    case 'input_file':
      throw new UnsupportedContentError(field, 'is a file; file inputs are converted on the server and cannot be counted offline. Send its text as input_text instead.');
  }
}

function toMessage(item: object, field: string, root: (string | number)[]): ChatMessage {
  const type = (item as { type?: unknown }).type;
  if (type === undefined || type === 'message') {
    const m = parseOrThrow(MessageItem(), item, root);
    const content = typeof m.content === 'string' ? m.content : m.content.map((p, i) => toPart(p, `${field}.content[${i}]`));
    return { role: m.role, content };
  }
  if (type === 'function_call') {
    const call = parseOrThrow(FunctionCallItem(), item, root);
    return { role: 'assistant', content: null, tool_calls: [{ id: call.call_id, type: 'function', function: { name: call.name, arguments: call.arguments } }] };
  }
  if (type === 'function_call_output') {
    const out = parseOrThrow(FunctionCallOutputItem(), item, root);
    const content = typeof out.output === 'string' ? out.output : out.output.map((p, i) => toPart(p, `${field}.output[${i}]`));
    return { role: 'tool', tool_call_id: out.call_id, content };
  }
  throw new UnsupportedContentError(
    `${field}.type`,
    `is ${JSON.stringify(type)}; tokmeter counts message, function_call and function_call_output items. ` +
      'Other items (reasoning, built-in tool calls, item references) are expanded on the server; use POST /v1/responses/input_tokens for them.',
  );
}

function toFunction(tool: object, t: number): FunctionDefinition {
  const type = (tool as { type: string }).type;
  if (type !== 'function') {
    throw new UnsupportedContentError(
      `tools[${t}]`,
      `is a built-in tool (${JSON.stringify(type)}) whose hidden prompt is not published, so it cannot be counted offline. Use POST /v1/responses/input_tokens for it.`,
    );
  }
  const z = zod();
  const fn = parseOrThrow(FunctionDefinitionSchema().extend({ parameters: z.record(z.string(), z.unknown()).nullable().optional() }), tool, ['tools', t]);
  return { name: fn.name, ...(fn.description === undefined ? {} : { description: fn.description }), ...(fn.parameters ? { parameters: fn.parameters } : {}) };
}

function toToolChoice(choice: unknown): ToolChoice | undefined {
  if (choice === 'none' || choice === 'auto' || choice === 'required') return choice;
  if (typeof choice === 'object' && choice !== null && (choice as { type?: unknown }).type === 'function') {
    const name = (choice as { name?: unknown }).name;
    if (typeof name === 'string') return { type: 'function', function: { name } };
  }
  // Hosted-tool and allowed-tools choices add no text the docs describe.
  return undefined;
}

/**
 * Count a Responses API request's input (`input`, `instructions`, `tools`, `tool_choice`).
 *
 * @example
 * countResponsesTokens({ model: 'gpt-4o', instructions: 'Be brief.', input: 'hello' }).total // 15
 */
export function countResponsesTokens<R extends ResponsesRequest>(request: R, options?: ChatCountOptions): ResponsesTokenCount {
  const checked = readChatCountOptions(options, 'countResponsesTokens');
  const copy = readRequest(request, 'a Responses request { model, input }') as ResponsesRequest;
  const parsed = parseOrThrow(RequestSchema(), copy);
  const messages: ChatMessage[] = [];
  const fields: string[] = [];
  const hasInstructions = typeof parsed.instructions === 'string';
  if (hasInstructions) {
    messages.push({ role: 'system', content: parsed.instructions as string });
    fields.push('instructions');
  }
  const input = parsed.input;
  if (typeof input === 'string') {
    messages.push({ role: 'user', content: input });
    fields.push('input');
  } else if (Array.isArray(input)) {
    input.forEach((item, i) => {
      messages.push(toMessage(item, `input[${i}]`, ['input', i]));
      fields.push(`input[${i}]`);
    });
  }
  const toolChoice = toToolChoice(copy.tool_choice);
  const prepared: PreparedRequest = {
    model: parsed.model,
    messages,
    functions: (parsed.tools ?? []).map(toFunction),
    toolChoice,
    functionCall: undefined,
    fieldOf: (i) => fields[i] ?? `input[${i}]`,
  };
  const { messages: perMessage, ...rest } = countPrepared(prepared, tokenizerForModel(parsed.model), checked);
  return {
    ...rest,
    instructions: hasInstructions ? (perMessage[0] ?? 0) : 0,
    input: hasInstructions ? perMessage.slice(1) : [...perMessage],
  };
}
