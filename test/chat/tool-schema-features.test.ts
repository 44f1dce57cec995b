/**
 * One case per JSON-schema feature (issue 22, point 2): how the function namespace writes it, and
 * the evidence. A measured feature names the API-observed request that contains it (its count is
 * checked in api-counts.test.ts or tool-api-counts.test.ts; here, that the request really has the
 * feature and counts as stated). An unmeasured one is written as openai/harmony's renderer writes
 * it (docs/tool-rendering.md section C), and the README says it is unmeasured.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { countChatTokens, renderFunctionNamespace } from '../../src/chat/index.js';
import type { ChatRequest, JsonSchema } from '../../src/chat/index.js';

type Fixture = ChatRequest & { id: string; expected_prompt_tokens?: number; observed_prompt_tokens?: number; known_difference?: { delta: number }; notes?: string };
const load = (file: string): Fixture[] => JSON.parse(readFileSync(new URL(`../fixtures/reference/${file}`, import.meta.url), 'utf8')) as Fixture[];
const fixtures = new Map([...load('chat-api-counts.json'), ...load('tool-api-counts.json')].map((c) => [c.id, c]));

/** A property `p` with `schema`, as the flat layout writes it (the lines between `(_: {` and `}) => any;`). */
function body(schema: JsonSchema, required = false, toolLayout: 'flat' | 'indented-2023' = 'flat'): string {
  const text = renderFunctionNamespace([{ name: 'f', parameters: { type: 'object', properties: { p: schema }, ...(required && { required: ['p'] }) } }], { toolLayout });
  return text.slice(text.indexOf('(_: {\n') + 6, text.indexOf('\n}) => any;'));
}

interface Measured {
  readonly feature: string;
  readonly schema: JsonSchema;
  readonly required?: boolean;
  readonly written: string;
  /** The API-observed request with this feature, and a path to the feature in it. */
  readonly observed: string;
  readonly has: (request: string) => boolean;
}

const MEASURED: Measured[] = [
  { feature: 'a string with a description', schema: { type: 'string', description: 'Query' }, required: true, written: '// Query\np: string,', observed: 'pamelafox-search-sources-toolchoice-auto', has: (r) => r.includes('"search_query":{"type":"string","description"') },
  { feature: 'optional: `?` unless required', schema: { type: 'string' }, written: 'p?: string,', observed: 'pamelafox-no-parameter-description-or-required', has: (r) => !r.includes('"required"') },
  { feature: 'a string enum', schema: { type: 'string', enum: ['meals', 'days'] }, written: 'p?: "meals" | "days",', observed: 'pamelafox-string-enum', has: (r) => r.includes('"enum":["meals","days"]') },
  { feature: 'an integer enum (1 over, see README)', schema: { type: 'integer', enum: [-1, 1] }, written: 'p?: -1 | 1,', observed: 'pamelafox-integer-enum', has: (r) => r.includes('"enum":[-1,1]') },
  { feature: 'integer and number', schema: { type: 'integer' }, written: 'p?: number,', observed: 'pamelafox-string-enum', has: (r) => r.includes('"type":"integer"') },
  { feature: 'a boolean', schema: { type: 'boolean' }, written: 'p?: boolean,', observed: 'pamelafox-boolean', has: (r) => r.includes('"type":"boolean"') },
  { feature: 'an array of strings', schema: { type: 'array', items: { type: 'string' } }, written: 'p?: string[],', observed: 'pamelafox-array', has: (r) => r.includes('"items":{"type":"string"}') },
  { feature: 'type "null"', schema: { type: 'null' }, written: 'p?: null,', observed: 'pamelafox-null', has: (r) => r.includes('"type":"null"') },
  { feature: 'no type', schema: { description: 'x' }, written: '// x\np?: any,', observed: 'pamelafox-no-type', has: (r) => r.includes('"no_type_value":{"description"') },
  {
    feature: 'a nested object (2024 and later): flat, its properties described',
    schema: { type: 'object', description: 'Obj', properties: { a: { type: 'string', description: 'A' } } },
    written: '// Obj\np?: {\n// A\na?: string,\n},',
    observed: 'pamelafox-inner-object-with-enum',
    has: (r) => r.includes('"object_1":{"type":"object"'),
  },
  {
    feature: 'an array of objects',
    schema: { type: 'array', items: { type: 'object', properties: { a: { type: 'number' } } } },
    written: 'p?: {\na?: number,\n}[],',
    observed: 'hmarr-33',
    has: (r) => r.includes('"items":{"type":"object"'),
  },
  { feature: 'anyOf', schema: { anyOf: [{ type: 'string' }, { type: 'number' }] }, written: 'p?: string | number,', observed: 'hmarr-27', has: (r) => r.includes('"anyOf"') },
  { feature: 'const, written as its plain type', schema: { type: 'string', const: 'a' }, written: 'p?: string,', observed: 'hmarr-27', has: (r) => r.includes('"const":"a"') },
  { feature: 'additionalProperties, not written', schema: { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false }, written: 'p?: {\na?: string,\n},', observed: 'hmarr-24', has: (r) => r.includes('"additionalProperties":false') },
  { feature: 'a property name with spaces, as it is', schema: { type: 'string' }, written: 'p?: string,', observed: 'hmarr-35', has: (r) => r.includes('"field number one"') },
];

describe('measured: each feature as written, and the API-observed request that has it', () => {
  test.each(MEASURED.map((m) => [m.feature, m] as const))('%s', (_f, m) => {
    expect(body(m.schema, m.required)).toBe(m.written);
    const fixture = fixtures.get(m.observed)!;
    expect(m.has(JSON.stringify(fixture.tools ?? fixture.functions)), m.observed).toBe(true);
    const { id: _i, expected_prompt_tokens: e, observed_prompt_tokens: o, known_difference: k, notes: _n, ...request } = fixture as Fixture & Record<string, unknown>;
    const model = m.observed.startsWith('hmarr') ? 'gpt-3.5-turbo-0613' : fixture.model; // hmarr ran in 2023 (api-counts.test.ts)
    const allowed = ['model', 'messages', 'tools', 'tool_choice', 'functions', 'function_call'];
    const clean = Object.fromEntries(Object.entries({ ...request, model }).filter(([key]) => allowed.includes(key))) as unknown as ChatRequest;
    expect(countChatTokens(clean).total - (e ?? o!)).toBe(k?.delta ?? 0);
  });

  test('the 2023 layout: nested properties indented by two, their comments left out (hmarr-34)', () => {
    expect(body({ type: 'object', description: 'Obj', properties: { a: { type: 'string', description: 'A', default: 'x' } } }, false, 'indented-2023')).toBe('// Obj\np?: {\n  a?: string,\n},');
  });

  test('no parameters, or no properties: () => any (pamelafox-no-parameters, hmarr-11)', () => {
    expect(renderFunctionNamespace([{ name: 'f' }, { name: 'g', parameters: { type: 'object', properties: {} } }])).toBe('namespace functions {\n\ntype f = () => any;\n\ntype g = () => any;\n\n} // namespace functions');
  });

  test("the parameters' own description is not written (hmarr-35)", () => {
    expect(renderFunctionNamespace([{ name: 'f', parameters: { type: 'object', description: 'hidden', properties: { a: { type: 'string' } } } }])).not.toContain('hidden');
  });
});

/** Not in any API-observed count: written as harmony's renderer writes it (rule numbers from docs/tool-rendering.md). */
const UNMEASURED: [feature: string, schema: JsonSchema, written: string][] = [
  ['default, a string (H5, H6)', { type: 'string', default: 'hi' }, 'p?: string, // default: "hi"'],
  ['default on an enum, bare (H6)', { type: 'string', enum: ['c', 'f'], default: 'c' }, 'p?: "c" | "f", // default: c'],
  ['default, any other value as JSON (H6)', { type: 'object', properties: { a: { type: 'number', default: 5 } }, default: { a: 1 } }, 'p?: {\na?: number, // default: 5\n}, // default: {"a":1}'],
  ['title (H4)', { type: 'string', title: 'Name', description: 'Who' }, '// Name\n//\n// Who\np?: string,'],
  ['examples (H4)', { type: 'string', examples: ['a', 'b'] }, '// Examples:\n// - "a"\n// - "b"\np?: string,'],
  ['oneOf at a property (H11)', { description: 'Id', oneOf: [{ type: 'number' }, { type: 'string', description: 'as text' }] }, '// Id\np?:\n | number\n | string // as text\n,'],
  ['nullable: true (H5)', { type: 'string', nullable: true }, 'p?: string | null,'],
  ['a type array (H10; the gpt-5 leak writes the same)', { type: ['string', 'null'] }, 'p?: string | null,'],
  ['$ref, written as any (C10; harmony too)', { $ref: '#/$defs/thing' }, 'p?: any,'],
  ['minimum, format and pattern, not written (H14)', { type: 'string', format: 'date', minLength: 1, pattern: 'x' }, 'p?: string,'],
  ['an object without properties (H13)', { type: 'object' }, 'p?: {\n},'],
  ['an array without items (C5; the API refuses it)', { type: 'array' }, 'p?: any[],'],
  ['an enum without a type: literals (C6)', { enum: ['a', 1] }, 'p?: "a" | 1,'],
];

describe('unmeasured: written as harmony writes them', () => {
  test.each(UNMEASURED)('%s', (_feature, schema, written) => {
    expect(body(schema)).toBe(written);
  });

  test('a description over several lines: "// " on each line (H3)', () => {
    expect(renderFunctionNamespace([{ name: 'f', description: 'One\nTwo' }])).toContain('// One\n// Two\ntype f = () => any;');
  });

  test('strict: true is not written; its schemas mark every property required and optional ones nullable (C11)', () => {
    const strict = { name: 'f', strict: true, parameters: { type: 'object', properties: { a: { type: ['string', 'null'] } }, required: ['a'], additionalProperties: false } };
    expect(renderFunctionNamespace([strict])).toBe(renderFunctionNamespace([{ ...strict, strict: false }]));
    expect(renderFunctionNamespace([strict])).toContain('a: string | null,');
  });
});
