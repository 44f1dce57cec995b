/**
 * How the API frames each message, per model family. Data, not code: each record says where its
 * numbers come from. The first record whose `models` pattern matches the model id wins.
 *
 * Besides the framing of a message, a record says how earlier tool calls are written
 * (`toolCalls`) and how the hidden tools block is billed (`tools`): both changed between the
 * counts of 2023 and those of 2024-2026 (docs/tool-rendering.md, sections B and I).
 */
import { baseModelId } from '../encodings/models.js';
import { internalError } from '../errors.js';

/** How the assistant messages that call tools, and their results, are written. */
export interface ToolCallFormat {
  /**
   * Tokens whose text is not public in each assistant message that makes tool calls, beyond
   * `<|start|>assistant to=functions.{name}<|message|>{arguments}<|end|>` and the result
   * `<|start|>{name}<|message|>{output}<|end|>`.
   */
  readonly tokensPerCallMessage: number;
  /**
   * The arguments as sent, or parsed and written back without spaces (`{"city":"Paris"}`), as the
   * server stores a call it parsed. Arguments that are not JSON are written as sent either way.
   */
  readonly arguments: 'as-sent' | 'compact';
  /**
   * Several calls in one assistant message: each written as if it were alone (the count is then
   * approximate), or as one call to `multi_tool_use.parallel` whose results come back together as
   * one JSON list.
   */
  readonly parallelCalls: 'each-alone' | 'multi-tool-use';
  /** The most calls a conversation may hold for its count to be exact; with more it is marked approximate. */
  readonly exactUpTo: number;
  readonly source: string;
}

/** How the hidden tools block (the function namespace) is billed. */
export interface ToolsFormat {
  /** Tokens of the block whose text is not public, besides the namespace and its message framing. */
  readonly hiddenTokens: number;
  /** Whether the block goes into the first system (or developer) message, saving its framing (4). */
  readonly mergeIntoSystem: boolean;
  /** Whether `tool_choice` "none" or a named function, and `function_call` naming one, add tokens. */
  readonly toolChoiceBilled: boolean;
  /** False when `hiddenTokens` is fitted to counts rather than known: such counts are approximate. */
  readonly exact: boolean;
  readonly source: string;
}

export interface MessageFormat {
  /** Model ids this record covers: an exact id, or a prefix ending in `*`. */
  readonly models: readonly string[];
  /** Tokens added for every message (`<|start|>`, the role separator, `<|end|>`). */
  readonly tokensPerMessage: number;
  /** Tokens added when a message has a `name` (negative when the name replaces the role). */
  readonly tokensPerName: number;
  /** Tokens that prime the reply: `<|start|>assistant<|message|>` (3) or `<|start|>assistant` (2). */
  readonly replyPriming: number;
  /** Tokens each earlier assistant message carries besides its framing: a channel (`<|channel|>final`, 2) or none. */
  readonly assistantChannel: number;
  readonly toolCalls: ToolCallFormat;
  readonly tools: ToolsFormat;
  readonly source: string;
}

const CASSETTES =
  'VCR cassettes and HAR files recorded against api.openai.com (2025-2026): pydantic/pydantic-ai@4fda389, crewAIInc/crewAI@f4731f5, ' +
  'jackmpcollins/magentic@58b72cf, Mirascope/mirascope@41d4335, pydantic/logfire@e484a6b (MIT), simonw/llm@f3f4f29, ' +
  "traceloop/openllmetry@93429cf, Arize-ai/openinference@1fe497f (Apache-2.0); docs/tool-rendering.md, section I";

/** Tool calls as the 2023 - January 2024 counts show them. */
const CALLS_2023: ToolCallFormat = {
  tokensPerCallMessage: 0,
  arguments: 'as-sent',
  parallelCalls: 'each-alone',
  exactUpTo: 1,
  source:
    'API-observed, 2023 - Jan 2024: hmarr/openai-chat-tokens hmarr-22/-23 (gpt-3.5-turbo-0613), forestwanglin/openai-java issue 5 ' +
    '(gpt-4, pretty-printed arguments), tiktoken-rs issue 40 (gpt-4-0613), community.openai.com/t/538914 (one call exact; two or more ' +
    'billed 25 a call above this rule, text unknown)',
};

/** Tool calls as every later model is billed for them. */
const CALLS_2024: ToolCallFormat = {
  tokensPerCallMessage: 3,
  arguments: 'compact',
  parallelCalls: 'multi-tool-use',
  exactUpTo: Number.POSITIVE_INFINITY,
  source:
    `API-observed: ${CASSETTES}: 130 of 132 requests with one call per assistant message (gpt-4o, gpt-4o-mini, gpt-4.1-mini, ` +
    'gpt-4.1-nano, gpt-3.5-turbo-0125, gpt-4-0125-preview, o3-mini) exact with 3 tokens a call and compact arguments (the other two ' +
    'are 1 over in their namespace); 34 of 35 with several calls in one message exact with the multi_tool_use.parallel call of the ' +
    'leaked gpt-4o prompt (michaelnny/Llama3-FunctionCalling ideas/analyze_openai_api.ipynb@259439b), the other recorded in ' +
    'February 2026 with its non-ASCII results escaped',
};

/** gpt-5: a call costs 4 more than in CALLS_2024 besides its message's channel; the text is not public. */
const CALLS_GPT5: ToolCallFormat = {
  tokensPerCallMessage: 7,
  arguments: 'compact',
  parallelCalls: 'multi-tool-use',
  exactUpTo: 0,
  source:
    `API-observed: ${CASSETTES}: 12 gpt-5 / gpt-5-mini / gpt-5-nano / gpt-5.4-mini requests with calls (one or two messages of ` +
    'one call, one message of three) are exact with 7 tokens a call message besides its channel (fitted; the text is not public)',
};

/** The tools block as every count before gpt-5 shows it: namespace + 9, or + 5 inside the system message. */
const TOOLS_CHAT: ToolsFormat = {
  hiddenTokens: 5,
  mergeIntoSystem: true,
  toolChoiceBilled: true,
  exact: true,
  source: 'API-observed: hmarr/openai-chat-tokens src/index.ts@b8e3b11 (36 cases), the cookbook tool example, pamelafox (18), and the cassettes',
};

/** o3-mini: the chat tools block and one token more (4 requests, two schemas; the text is not public). */
const TOOLS_O3_MINI: ToolsFormat = {
  hiddenTokens: 6,
  mergeIntoSystem: true,
  toolChoiceBilled: true,
  exact: false,
  source: `API-observed: ${CASSETTES}: the 4 o3-mini requests with tools (crewAI, two schemas, two of them with a call) are 1 above the chat tools block`,
};

/** The tools block of gpt-5: 82 tokens more, never merged, tool_choice free; the text is not public. */
const TOOLS_GPT5: ToolsFormat = {
  hiddenTokens: 87,
  mergeIntoSystem: false,
  toolChoiceBilled: false,
  exact: false,
  source:
    `API-observed: ${CASSETTES}: 22 gpt-5 / gpt-5-mini / gpt-5-nano / gpt-5.4-mini requests with tools and no calls are 82 above ` +
    'the chat tools block (86 with a system message, which the block then does not join), whatever tool_choice says: 14 to the ' +
    'token, 8 one under that (6 with a function described "", 2 naming one in tool_choice); fitted, as the text (likely a system ' +
    'message the reasoning models get with tools) is not public',
};

const COOKBOOK =
  'openai/openai-cookbook How_to_count_tokens_with_tiktoken.ipynb (current): tokens_per_message = 3, tokens_per_name = 1 for ' +
  'gpt-3.5-turbo-0613+, gpt-4*, gpt-4o*; API-observed 129 (cl100k) / 124 (o200k)';

export const MESSAGE_FORMATS: readonly MessageFormat[] = [
  {
    models: ['gpt-3.5-turbo-0301'],
    tokensPerMessage: 4,
    tokensPerName: -1,
    replyPriming: 3,
    assistantChannel: 0,
    toolCalls: CALLS_2023,
    tools: TOOLS_CHAT,
    source:
      'openai/openai-cookbook How_to_count_tokens_with_tiktoken.ipynb (2023): "every message follows ' +
      '<|start|>{role/name}\\n{content}<|end|>\\n"; "if there\'s a name, the role is omitted"; API-observed 127',
  },
  {
    // The snapshots of 2023 and their aliases then; whether they are billed the 2024 way today is
    // not known (no later count of them with a tool call exists).
    models: [
      'gpt-3.5-turbo-0613',
      'gpt-3.5-turbo-16k*',
      'gpt-3.5-turbo-1106',
      'gpt-4',
      'gpt-4-0314',
      'gpt-4-0613',
      'gpt-4-32k*',
      'gpt-4-1106-preview',
      'gpt-4-vision-preview',
      'gpt-4-1106-vision-preview',
    ],
    tokensPerMessage: 3,
    tokensPerName: 1,
    replyPriming: 3,
    assistantChannel: 0,
    toolCalls: CALLS_2023,
    tools: TOOLS_CHAT,
    source: COOKBOOK,
  },
  {
    models: ['gpt-5*'],
    tokensPerMessage: 3,
    tokensPerName: 1,
    replyPriming: 2,
    assistantChannel: 2,
    toolCalls: CALLS_GPT5,
    tools: TOOLS_GPT5,
    source:
      `API-observed: ${CASSETTES}: 36 gpt-5 / gpt-5-mini / gpt-5-nano / gpt-5.6 requests of user messages are 1 under the chat ` +
      'format (the reply is primed with <|start|>assistant, as harmony does) and 5 with an earlier assistant message 1 over ' +
      '(each carries a channel, <|channel|>final in harmony)',
  },
  {
    models: ['o3-mini*'],
    tokensPerMessage: 3,
    tokensPerName: 1,
    replyPriming: 2,
    assistantChannel: 0,
    toolCalls: CALLS_2024,
    tools: TOOLS_O3_MINI,
    source: `API-observed: ${CASSETTES}: 9 o3-mini requests without tools are 1 under the chat format, one with an earlier assistant message among them`,
  },
  {
    models: ['*'],
    tokensPerMessage: 3,
    tokensPerName: 1,
    replyPriming: 3,
    assistantChannel: 0,
    toolCalls: CALLS_2024,
    tools: TOOLS_CHAT,
    source: COOKBOOK,
  },
];

function matches(pattern: string, model: string): boolean {
  return pattern.endsWith('*') ? model.startsWith(pattern.slice(0, -1)) : model === pattern;
}

/** The message framing for a model id (every id matches the catch-all record). */
export function messageFormatFor(model: string): MessageFormat {
  const id = baseModelId(model);
  for (const format of MESSAGE_FORMATS) {
    if (format.models.some((pattern) => matches(pattern, id))) return format;
  }
  // The table ends with a catch-all; reaching here means the table was edited wrongly.
  throw internalError(`MESSAGE_FORMATS has no catch-all record (model ${model})`);
}
