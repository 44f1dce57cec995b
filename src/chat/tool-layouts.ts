/**
 * How the Chat Completions server lays out the hidden function namespace. Two layouts are
 * evidenced by API-observed counts, for different periods; which one a request gets is decided
 * here and nowhere else (docs/tool-rendering.md, C4 and C13-C18).
 */
import { baseModelId } from '../encodings/models.js';

export type ToolLayoutName = 'flat' | 'indented-2023';

export interface ToolLayout {
  readonly name: ToolLayoutName;
  /** Spaces added per level of nesting before the properties of a nested object. */
  readonly indentStep: number;
  /**
   * Whether properties of nested objects keep their comment lines (`// description`, title,
   * examples, `// default: …`). Top-level properties always do.
   */
  readonly nestedComments: boolean;
  /**
   * Whether an object none of whose properties has a comment line, and whose property types all
   * fit on one line, is written on one line: `{ city: string, days?: number }`.
   */
  readonly compactObjects: boolean;
  /** An array whose item type spans several lines: `{…}[]`, or `Array<\n…\n>` with the item's title above it. */
  readonly multilineArrays: 'suffix' | 'generic';
  /** Whether the parameters' own `title` is written before their brace: `(_: // Title\n{`. */
  readonly parametersTitle: boolean;
  /**
   * Descriptions over several lines: each line trimmed and given its own `// ` (a blank line is
   * `//`), or as sent (a function description's lines each get `// `, a property's description is
   * one `// ` line with its newlines kept).
   */
  readonly commentLines: 'trimmed' | 'as-sent';
  /**
   * A property of a strict function whose `type` is a list (`["string", "null"]`) and which has a
   * description: written as a union over several lines, each member followed by the description
   * (`tz?:\n | string // Time zone\n | null // Time zone\n,`), or on one line (`tz: string | null,`).
   */
  readonly strictTypeLists: 'split' | 'inline';
  readonly source: string;
}

export const TOOL_LAYOUTS: Readonly<Record<ToolLayoutName, ToolLayout>> = {
  flat: {
    name: 'flat',
    indentStep: 0,
    nestedComments: true,
    compactObjects: true,
    multilineArrays: 'generic',
    parametersTitle: true,
    commentLines: 'trimmed',
    strictTypeLists: 'split',
    source:
      'API-observed (2024-2025): pamelafox/openai-messages-token-helper tests/functions.py@8bce369 (18 requests, a cl100k model, May 2024) and ' +
      'VCR cassettes recorded against api.openai.com by pydantic/pydantic-ai@4fda389, crewAIInc/crewAI@f4731f5, jackmpcollins/magentic@58b72cf, ' +
      'Mirascope/mirascope@41d4335 and simonw/llm@f3f4f29 (gpt-4o, gpt-4o-mini, gpt-4.1, gpt-4.1-mini, gpt-3.5-turbo-0125); ' +
      'strict type lists from tidyverse/ellmer vignettes/_vcr and crewAIInc/crewAI planning cassettes (docs/tool-rendering.md J1); ' +
      'leaked gpt-4o and gpt-5-era tool text agrees (docs/tool-rendering.md C4, C13-C18)',
  },
  'indented-2023': {
    name: 'indented-2023',
    indentStep: 2,
    nestedComments: false,
    compactObjects: false,
    multilineArrays: 'suffix',
    parametersTitle: false,
    commentLines: 'as-sent',
    strictTypeLists: 'inline',
    source:
      'API-observed (Aug-Nov 2023, gpt-3.5-turbo = -0613): hmarr/openai-chat-tokens tests hmarr-18, -24, -25, -26, -33, -34, -35 ' +
      'match only with nested properties indented by two spaces and their descriptions left out (hmarr src/functions.ts@b8e3b11 line 81); ' +
      'hmarr-16 and -17 write a property without a description on its own line',
  },
};

/**
 * The layout a model gets when the caller does not choose one. The first record whose pattern
 * matches wins. The 2023 layout was observed on `gpt-3.5-turbo` while that alias pointed at
 * -0613; whether the server changed per model or for every model at once is not known, so any
 * model can be given either layout with `{ toolLayout }`.
 */
export const TOOL_LAYOUT_DEFAULTS: readonly { readonly models: readonly string[]; readonly layout: ToolLayoutName }[] = [
  { models: ['gpt-3.5-turbo-0613'], layout: 'indented-2023' },
  { models: ['*'], layout: 'flat' },
];

/** The layout for `model`, or the one the caller chose. */
export function toolLayoutFor(model: string | undefined, chosen: ToolLayoutName | undefined): ToolLayout {
  if (chosen !== undefined) return TOOL_LAYOUTS[chosen];
  const id = model === undefined ? '' : baseModelId(model);
  for (const record of TOOL_LAYOUT_DEFAULTS) {
    if (record.models.some((p) => (p.endsWith('*') ? id.startsWith(p.slice(0, -1)) : id === p))) return TOOL_LAYOUTS[record.layout];
  }
  return TOOL_LAYOUTS.flat;
}
