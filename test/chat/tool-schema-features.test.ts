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

/** The parameters as written for one property `p` with `schema`: the text between `(_: ` and `) => any;`. */
function body(schema: JsonSchema, required = false, toolLayout: 'flat' | 'indented-2023' = 'flat'): string {
  const text = renderFunctionNamespace([{ name: 'f', parameters: { type: 'object', properties: { p: schema }, ...(required && { required: ['p'] }) } }], { toolLayout });
  return text.slice(text.indexOf('(_: ') + 4, text.indexOf(') => any;'));
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
  { feature: 'a string with a description', schema: { type: 'string', description: 'Query' }, required: true, written: '{\n// Query\np: string,\n}', observed: 'pamelafox-search-sources-toolchoice-auto', has: (r) => r.includes('"search_query":{"type":"string","description"') },
  { feature: 'no comment line: the parameters on one line, `?` unless required', schema: { type: 'string' }, written: '{ p?: string }', observed: 'pamelafox-no-parameter-description-or-required', has: (r) => !r.includes('"required"') },
  { feature: 'required, on one line', schema: { type: 'string' }, required: true, written: '{ p: string }', observed: 'pydantic-ai-one-line-parameters', has: (r) => r.includes('"required":["city"]') },
  { feature: 'a string enum', schema: { type: 'string', enum: ['meals', 'days'] }, written: '{ p?: "meals" | "days" }', observed: 'pamelafox-string-enum', has: (r) => r.includes('"enum":["meals","days"]') },
  { feature: 'an integer enum, literals unquoted', schema: { type: 'integer', enum: [-1, 1] }, written: '{ p?: -1 | 1 }', observed: 'pamelafox-integer-enum', has: (r) => r.includes('"enum":[-1,1]') },
  { feature: 'integer and number', schema: { type: 'integer' }, written: '{ p?: number }', observed: 'simonw-llm-two-integers-one-line', has: (r) => r.includes('"type":"integer"') },
  { feature: 'a boolean', schema: { type: 'boolean' }, written: '{ p?: boolean }', observed: 'pamelafox-boolean', has: (r) => r.includes('"type":"boolean"') },
  { feature: 'an array of strings', schema: { type: 'array', items: { type: 'string' } }, written: '{ p?: string[] }', observed: 'pamelafox-array', has: (r) => r.includes('"items":{"type":"string"}') },
  { feature: 'type "null"', schema: { type: 'null' }, written: '{ p?: null }', observed: 'pamelafox-null', has: (r) => r.includes('"type":"null"') },
  { feature: 'no type', schema: { description: 'x' }, written: '{\n// x\np?: any,\n}', observed: 'pamelafox-no-type', has: (r) => r.includes('"no_type_value":{"description"') },
  { feature: 'a title without a description: no // separator', schema: { type: 'string', title: 'Name' }, written: '{\n// Name\np?: string,\n}', observed: 'crewai-title-only-properties', has: (r) => r.includes('"title":"First Number","type":"integer"') },
  { feature: 'a title and a description', schema: { type: 'string', title: 'Name', description: 'Who' }, written: '{\n// Name\n//\n// Who\np?: string,\n}', observed: 'crewai-title-and-description', has: (r) => /"description":"[^"]+","title":"[^"]+"/.test(r) },
  { feature: 'a default, after the comma', schema: { type: 'string', default: 'hi' }, written: '{\np?: string, // default: "hi"\n}', observed: 'crewai-defaults', has: (r) => r.includes('"default":') },
  { feature: 'a default of false', schema: { type: 'boolean', default: false }, written: '{\np?: boolean, // default: false\n}', observed: 'pydantic-ai-defs-ref-default-docstrings', has: (r) => r.includes('"default":false') },
  {
    feature: 'a nested object (2024 and later): flat, its properties described',
    schema: { type: 'object', description: 'Obj', properties: { a: { type: 'string', description: 'A' } } },
    written: '{\n// Obj\np?: {\n// A\na?: string,\n},\n}',
    observed: 'pamelafox-inner-object-with-enum',
    has: (r) => r.includes('"object_1":{"type":"object"'),
  },
  { feature: 'a nested object without comment lines, on one line', schema: { type: 'object', description: 'Obj', properties: { a: { type: 'string' } } }, written: '{\n// Obj\np?: { a?: string },\n}', observed: 'pamelafox-inner-object', has: (r) => r.includes('"properties":{"string1":{"type":"string"}}') },
  {
    feature: 'an array of multi-line objects: Array<, the item title, the object, >',
    schema: { type: 'array', items: { type: 'object', title: 'Item', properties: { a: { type: 'number', description: 'A' } } } },
    written: '{\np?: Array<\n// Item\n{\n// A\na?: number,\n}\n>,\n}',
    observed: 'crewai-array-of-ref-objects',
    has: (r) => r.includes('"items":{"$ref":"#/$defs/Entity"}'),
  },
  { feature: 'an array of one-line objects: T[]', schema: { type: 'array', items: { type: 'object', properties: { a: { type: 'number' } } } }, written: '{ p?: { a?: number }[] }', observed: 'pydantic-ai-defs-ref-default-docstrings', has: (r) => r.includes('"items":{"$ref":"#/$defs/Answer"}') },
  { feature: 'anyOf', schema: { anyOf: [{ type: 'string' }, { type: 'number' }] }, written: '{ p?: string | number }', observed: 'hmarr-27', has: (r) => r.includes('"anyOf"') },
  { feature: 'const, written as its plain type', schema: { type: 'string', const: 'a' }, written: '{ p?: string }', observed: 'hmarr-27', has: (r) => r.includes('"const":"a"') },
  { feature: 'additionalProperties, not written', schema: { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false }, written: '{ p?: { a?: string } }', observed: 'pydantic-ai-one-line-parameters', has: (r) => r.includes('"additionalProperties":false') },
  { feature: 'anyOf with an enum and null, on one line (not strict)', schema: { anyOf: [{ type: 'string', enum: ['pending', 'done'] }, { type: 'null' }] }, written: '{ p?: "pending" | "done" | null }', observed: 'ruby-llm-anyof-enum-null', has: (r) => r.includes('"anyOf":[{"type":"string","enum":["pending","done"]},{"type":"null"}]') },
  { feature: 'a property name with spaces, as it is', schema: { type: 'string' }, written: '{ p?: string }', observed: 'hmarr-35', has: (r) => r.includes('"field number one"') },
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

  test('the 2023 layout: nested properties indented by two, their comments left out, no one-line objects (hmarr-34, hmarr-16)', () => {
    expect(body({ type: 'object', description: 'Obj', properties: { a: { type: 'string', description: 'A', default: 'x' } } }, false, 'indented-2023')).toBe('{\n// Obj\np?: {\n  a?: string,\n},\n}');
    expect(body({ type: 'string' }, false, 'indented-2023')).toBe('{\np?: string,\n}');
  });

  test('two properties without comment lines share the line (simonw-llm-two-integers-one-line)', () => {
    const parameters = { type: 'object', properties: { a: { type: 'integer' }, b: { type: 'integer' } }, required: ['a', 'b'] };
    expect(renderFunctionNamespace([{ name: 'multiply', description: 'Multiply two numbers.', parameters }])).toContain('// Multiply two numbers.\ntype multiply = (_: { a: number, b: number }) => any;');
  });

  test('no parameters, or no properties: () => any, an empty description writes nothing (pamelafox-no-parameters, hmarr-11, pydantic-ai-empty-properties)', () => {
    expect(renderFunctionNamespace([{ name: 'f' }, { name: 'g', description: '', parameters: { type: 'object', properties: {}, additionalProperties: false } }])).toBe('namespace functions {\n\ntype f = () => any;\n\ntype g = () => any;\n\n} // namespace functions');
  });

  test("the parameters' description is not written (hmarr-35); their title is, before the brace (magentic-parameters-title-strict)", () => {
    expect(renderFunctionNamespace([{ name: 'f', parameters: { type: 'object', description: 'hidden', properties: { a: { type: 'string' } } } }])).not.toContain('hidden');
    const titled = { type: 'object', title: 'FuncModel', properties: { a: { type: 'integer', title: 'A' } }, required: ['a'] };
    expect(renderFunctionNamespace([{ name: 'plus', description: 'Sum two numbers.', parameters: titled }])).toContain('// Sum two numbers.\ntype plus = (_: // FuncModel\n{\n// A\na: number,\n}) => any;');
    expect(JSON.stringify(fixtures.get('magentic-parameters-title-strict')!.tools)).toContain('"title":"FuncModel"');
  });

  test('a $ref to $defs: the definition where the property is, its title and description above (mirascope-ref-object)', () => {
    const parameters = {
      type: 'object',
      properties: { author: { $ref: '#/$defs/Author' } },
      required: ['author'],
      $defs: { Author: { title: 'Author', description: 'The author of a book.', type: 'object', properties: { first_name: { title: 'First Name', type: 'string' } }, required: ['first_name'] } },
    };
    expect(renderFunctionNamespace([{ name: 'f', parameters }])).toContain('(_: {\n// Author\n//\n// The author of a book.\nauthor: {\n// First Name\nfirst_name: string,\n},\n})');
    expect(JSON.stringify(fixtures.get('mirascope-ref-object')!.tools)).toContain('"author":{"$ref":"#/$defs/Author"}');
  });

  test('a description over several lines: trimmed, "// " on each line, "//" for a blank one (crewai-docstring-descriptions)', () => {
    const description = 'Search the web.\n\n    Args:\n        query: The query.\n    ';
    expect(renderFunctionNamespace([{ name: 'f', description }])).toContain('// Search the web.\n//\n// Args:\n// query: The query.\ntype f = () => any;');
    expect(JSON.stringify(fixtures.get('crewai-docstring-descriptions')!.tools)).toContain('\\n\\nArgs:\\n    query:');
  });

  test('a strict function: a described type list over several lines, the key with ?, the description after each type (J1: ellmer-strict-type-list, crewai-strict-array-of-objects)', () => {
    const tz = { type: ['string', 'null'], description: 'Time zone.' };
    const parameters = { type: 'object', properties: { tz, n: { type: 'integer' } }, required: ['tz', 'n'], additionalProperties: false };
    expect(renderFunctionNamespace([{ name: 'f', strict: true, parameters }])).toContain('(_: {\n// Time zone.\ntz?:\n | string // Time zone.\n | null // Time zone.\n,\nn: number,\n})');
    // Not strict, or without a description, or in the 2023 layout: on one line (no request shows otherwise).
    expect(renderFunctionNamespace([{ name: 'f', parameters }])).toContain('// Time zone.\ntz: string | null,');
    expect(renderFunctionNamespace([{ name: 'f', strict: true, parameters: { ...parameters, properties: { tz: { type: ['string', 'null'] } } } }])).toContain('(_: { tz: string | null })');
    expect(renderFunctionNamespace([{ name: 'f', strict: true, parameters }], { toolLayout: 'indented-2023' })).toContain('tz: string | null,');
    for (const id of ['ellmer-strict-type-list', 'crewai-strict-array-of-objects']) {
      const tools = JSON.stringify(fixtures.get(id)!.tools);
      expect(tools, id).toContain('"strict":true');
      expect(tools, id).toContain('"type":["string","null"],"description"');
    }
  });

  test('strict: true is not written (pydantic-ai-one-line-parameters); strict schemas mark every property required', () => {
    const strict = { name: 'f', strict: true, parameters: { type: 'object', properties: { a: { type: ['string', 'null'] } }, required: ['a'], additionalProperties: false } };
    expect(renderFunctionNamespace([strict])).toBe(renderFunctionNamespace([{ ...strict, strict: false }]));
    expect(renderFunctionNamespace([strict])).toContain('(_: { a: string | null })');
    expect(JSON.stringify(fixtures.get('pydantic-ai-one-line-parameters')!.tools)).toContain('"strict":true');
  });
});

/** Not in any API-observed count exactly: written as harmony's renderer, or leaked tool text, writes it (rules from docs/tool-rendering.md). */
const UNMEASURED: [feature: string, schema: JsonSchema, written: string][] = [
  ['default on an enum, bare (H6)', { type: 'string', enum: ['c', 'f'], default: 'c' }, '{\np?: "c" | "f", // default: c\n}'],
  ['default on an object, after its brace (H6; pydantic-ai-object-default-null is 1 over)', { type: 'object', properties: { a: { type: 'number', default: 5 } }, default: { a: 1 } }, '{\np?: {\na?: number, // default: 5\n}, // default: {"a":1}\n}'],
  ['examples (H4)', { type: 'string', examples: ['a', 'b'] }, '{\n// Examples:\n// - "a"\n// - "b"\np?: string,\n}'],
  ['oneOf at a property (H11)', { description: 'Id', oneOf: [{ type: 'number' }, { type: 'string', description: 'as text' }] }, '{\n// Id\np?:\n | number\n | string // as text\n,\n}'],
  ['nullable: true (H5)', { type: 'string', nullable: true }, '{ p?: string | null }'],
  ['a type array outside a strict function (H10; J1 covers strict functions)', { type: ['string', 'null'] }, '{ p?: string | null }'],
  ['a $ref outside the parameters, written as any (harmony)', { $ref: 'https://example.com/thing.json' }, '{ p?: any }'],
  ['minimum, format and pattern, not written (H14)', { type: 'string', format: 'date', minLength: 1, pattern: 'x' }, '{ p?: string }'],
  ['an object without properties: object (a leaked multi_tool_use namespace, C5)', { type: 'object' }, '{ p?: object }'],
  ['an array without items (C5; the API refuses it)', { type: 'array' }, '{ p?: any[] }'],
  ['an enum without a type: literals (C6)', { enum: ['a', 1] }, '{ p?: "a" | 1 }'],
  ['a property description over several lines: "// " on each line (leaked gpt-5-era tool text)', { type: 'string', description: 'One\n  Two' }, '{\n// One\n// Two\np?: string,\n}'],
];

describe('unmeasured: written as harmony or leaked tool text writes them', () => {
  test.each(UNMEASURED)('%s', (_feature, schema, written) => {
    expect(body(schema)).toBe(written);
  });

  test('a $ref that refers to itself is written once, then as any (no recursion)', () => {
    const parameters = { type: 'object', properties: { root: { $ref: '#/$defs/Node' } }, $defs: { Node: { type: 'object', properties: { next: { $ref: '#/$defs/Node' } } } } };
    expect(renderFunctionNamespace([{ name: 'f', parameters }])).toContain('(_: { root?: { next?: any } })');
  });
});
