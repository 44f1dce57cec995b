/**
 * How the Chat Completions server lays out nested objects in the hidden function namespace. Two
 * layouts are evidenced by API-observed counts, for different periods; which one a request gets
 * is decided here and nowhere else (docs/tool-rendering.md, C4).
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
  /** What an object with no properties is written as. */
  readonly emptyObject: 'braces' | 'object';
  readonly source: string;
}

export const TOOL_LAYOUTS: Readonly<Record<ToolLayoutName, ToolLayout>> = {
  flat: {
    name: 'flat',
    indentStep: 0,
    nestedComments: true,
    emptyObject: 'braces',
    source:
      'API-observed (2024): pamelafox/openai-messages-token-helper tests/functions.py@8bce369 inner_object_with_enum (89), ' +
      'inner_object_and_string (103), inner_object_with_enum_only (73) match only with nested properties unindented and described; ' +
      "leaked gpt-4o and gpt-5-era tool text shows the same. An empty object as harmony writes it ({\\n}); no count covers it",
  },
  'indented-2023': {
    name: 'indented-2023',
    indentStep: 2,
    nestedComments: false,
    emptyObject: 'object',
    source:
      'API-observed (Aug-Nov 2023, gpt-3.5-turbo = -0613): hmarr/openai-chat-tokens tests hmarr-18, -24, -25, -26, -33, -34, -35 ' +
      'match only with nested properties indented by two spaces and their descriptions left out (hmarr src/functions.ts@b8e3b11 line 81)',
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
