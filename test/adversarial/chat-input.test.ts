import { describe, expect, test } from 'vitest';
import {
  ChatValidationError,
  ImageSizeUnknownError,
  countChatTokens,
  countImageTokens,
  countResponsesTokens,
  fitMessages,
  imageSizeFromDataUrl,
  renderFunctionNamespace,
  renderHarmonyPrompt,
} from '../../src/chat/index.js';
import { countTokens } from '../../src/count.js';
import { InvalidArgumentError, TokmeterError } from '../../src/errors.js';
import { MAX_NESTING } from '../../src/options.js';

/** Issue 24, items 7, 8 and 10: what the chat functions do with input the types would refuse. */

const user = { role: 'user', content: 'hello' } as const;

/** The error `run` throws; fails the test when it returns or throws something that is not tokmeter's. */
function thrown(run: () => unknown): InvalidArgumentError {
  let result: unknown;
  try {
    result = run();
  } catch (error) {
    if (error instanceof InvalidArgumentError) return error;
    throw error;
  }
  throw new Error(`expected an InvalidArgumentError, got a result: ${JSON.stringify(result)?.slice(0, 200)}`);
}

/** `{ type: 'object', properties: { p: { … } } }`, `depth` objects deep. */
function nestedSchema(depth: number): Record<string, unknown> {
  const root: Record<string, unknown> = { type: 'object', properties: {} };
  let at = root;
  for (let i = 1; i < depth; i++) {
    const next: Record<string, unknown> = { type: 'object', properties: {} };
    (at['properties'] as Record<string, unknown>)['p'] = next;
    at = next;
  }
  return root;
}

function cyclicSchema(): Record<string, unknown> {
  const schema: Record<string, unknown> = { type: 'object', properties: {} };
  (schema['properties'] as Record<string, unknown>)['self'] = schema;
  return schema;
}

const withTool = (parameters: unknown, model = 'gpt-4o') => ({
  model,
  messages: [user],
  tools: [{ type: 'function' as const, function: { name: 'f', parameters: parameters as Record<string, unknown> } }],
});

describe('misspelt options are refused, naming the option and the closest one', () => {
  test.each([
    ['countChatTokens', () => countChatTokens({ model: 'gpt-4o', messages: [user] }, { toolLayot: 'flat' } as never), 'options.toolLayot', 'toolLayout'],
    ['countChatTokens options.harmony', () => countChatTokens({ model: 'gpt-oss-20b', messages: [user] }, { harmony: { reasoningEfort: 'low' } } as never), 'options.harmony.reasoningEfort', 'reasoningEffort'],
    ['countResponsesTokens', () => countResponsesTokens({ model: 'gpt-4o', input: 'hi' }, { unknownImageSiz: 'upper-bound' } as never), 'options.unknownImageSiz', 'unknownImageSize'],
    ['fitMessages', () => fitMessages([user], { model: 'gpt-4o', maxTokens: 100, trimm: false } as never), 'options.trimm', 'trim'],
    ['fitMessages with a chat option', () => fitMessages([user], { model: 'gpt-4o', maxTokens: 100, imageSize: {} } as never), 'options.imageSize', 'imageSizes'],
    ['countTokens with messages', () => countTokens([user], { model: 'gpt-4o', toolLayot: 'flat' } as never), 'options.toolLayot', 'toolLayout'],
    ['renderHarmonyPrompt', () => renderHarmonyPrompt({ model: 'gpt-oss-20b', messages: [user] }, { currentdate: '2025-01-01' } as never), 'options.currentdate', 'currentDate'],
    ['renderFunctionNamespace', () => renderFunctionNamespace([], { toolLayot: 'flat' } as never), 'options.toolLayot', 'toolLayout'],
  ])('%s', (_name, run, field, suggestion) => {
    const error = thrown(run);
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.field).toBe(field);
    expect(error.message).toContain(`did you mean ${suggestion}?`);
  });

  test('fitMessages no longer counts with o200k_base when the option says encodng', () => {
    expect(thrown(() => fitMessages([user], { model: 'gpt-4o', maxTokens: 100, encodng: 'r50k_base' } as never)).field).toBe('options.encodng');
  });
});

describe('options that are not a plain object are refused', () => {
  test.each([
    ['null', null],
    ['a number', 42],
    ['a string', 'gpt-4o'],
    ['an array', []],
    ['an object whose options sit on its prototype', Object.create({ toolLayout: 'flat' }) as object],
  ])('%s', (_name, options) => {
    for (const run of [
      () => countChatTokens({ model: 'gpt-4o', messages: [user] }, options as never),
      () => countResponsesTokens({ model: 'gpt-4o', input: 'hi' }, options as never),
      () => renderFunctionNamespace([], options as never),
      () => renderHarmonyPrompt({ model: 'gpt-oss-20b', messages: [user] }, options as never),
      () => fitMessages([user], options as never),
    ]) {
      expect(thrown(run).field).toBe('options');
    }
  });

  test('a JSON "__proto__" key is an unknown option, not a prototype', () => {
    const options = JSON.parse('{"__proto__": {"toolLayout": "flat"}}') as never;
    expect(thrown(() => countChatTokens({ model: 'gpt-4o', messages: [user] }, options)).field).toBe('options.__proto__');
  });
});

describe(`tool schemas are walked at most ${MAX_NESTING} levels deep, and cycles are named`, () => {
  test('a tool schema nested 2,000 deep is a ChatValidationError naming the path, not a RangeError', () => {
    const runs = [
      () => countChatTokens(withTool(nestedSchema(2000))),
      () => countResponsesTokens({ model: 'gpt-4o', input: 'hi', tools: [{ type: 'function', name: 'f', parameters: nestedSchema(2000) }] }),
      () => fitMessages([user], { model: 'gpt-4o', maxTokens: 100, tools: withTool(nestedSchema(2000)).tools }),
      () => renderFunctionNamespace([{ name: 'f', parameters: nestedSchema(2000) }]),
      () => renderHarmonyPrompt(withTool(nestedSchema(2000), 'gpt-oss-20b')),
      () => countChatTokens(withTool(nestedSchema(2000), 'gpt-oss-20b')),
    ];
    for (const run of runs) {
      const error = thrown(run);
      expect(error).toBeInstanceOf(ChatValidationError);
      expect(error.field).toMatch(/^(tools\[0\]|functions\[0\])(\.function)?\.parameters\.properties(\.p\.properties)*(\.p)?$/);
      expect(error.message).toContain(`nested more than ${MAX_NESTING} levels deep`);
    }
  });

  test('a schema 45 properties deep, inside the limit, is rendered', () => {
    const namespace = renderFunctionNamespace([{ name: 'f', parameters: nestedSchema(45) }]);
    // 45 objects: the parameters, 43 nested ones with a property, and the innermost without; none
    // has a commented property, so each is written on one line (docs/tool-rendering.md, section H).
    expect(namespace.match(/p\?: \{ /g)).toHaveLength(43);
    expect(namespace).toContain('p?: object }'); // an object without properties
    expect(renderFunctionNamespace([{ name: 'f', parameters: nestedSchema(45) }], { toolLayout: 'indented-2023' })).toContain('p?: object,');
    expect(countChatTokens(withTool(nestedSchema(45))).tools).toBeGreaterThan(0);
  });

  test('a cyclic tool schema is a ChatValidationError naming where it loops back to', () => {
    const error = thrown(() => countChatTokens(withTool(cyclicSchema())));
    expect(error).toBeInstanceOf(ChatValidationError);
    expect(error.field).toBe('tools[0].function.parameters.properties.self');
    expect(error.message).toContain('refers back to tools[0].function.parameters');
    expect(thrown(() => renderFunctionNamespace([{ name: 'f', parameters: cyclicSchema() }])).field).toBe('functions[0].parameters.properties.self');
  });

  test('a schema object used in two places is not a cycle', () => {
    const unit = { type: 'string', enum: ['c', 'f'] };
    const parameters = { type: 'object', properties: { a: unit, b: unit }, required: ['a'] };
    expect(renderFunctionNamespace([{ name: 'f', parameters }])).toContain('(_: { a: "c" | "f", b?: "c" | "f" })');
  });

  test('a schema shared 2^25 ways is refused by its size, quickly, not rendered for minutes', () => {
    let schema: Record<string, unknown> = { type: 'string' };
    for (let i = 0; i < 25; i++) schema = { anyOf: [schema, schema] };
    const started = performance.now();
    const error = thrown(() => renderFunctionNamespace([{ name: 'f', parameters: { type: 'object', properties: { a: schema } } }]));
    expect(error.field).toBe('functions');
    expect(error.message).toContain('more than 1,000,000 properties and array elements');
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  test('a bigint default in a gpt-oss tool schema is written as a number, not a TypeError', () => {
    const parameters = { type: 'object', properties: { n: { type: 'number', default: 10n } } };
    expect(renderHarmonyPrompt(withTool(parameters, 'gpt-oss-20b'))).toContain('n?: number, // default: 10');
  });
});

describe('requests are read from their own properties', () => {
  test('a "__proto__" key in a message is refused, not read as the message\'s prototype', () => {
    const message = JSON.parse('{"role": "user", "content": "hi", "__proto__": {"name": {"not": "a string"}}}') as never;
    const error = thrown(() => countChatTokens({ model: 'gpt-4o', messages: [message] }));
    expect(error).toBeInstanceOf(ChatValidationError);
    expect(error.field).toBe('messages[0].__proto__');
  });

  test('a request whose fields sit on its prototype has none', () => {
    const request = Object.create({ model: 'gpt-4o', messages: [user] }) as never;
    expect(thrown(() => countChatTokens(request)).field).toBe('model');
  });

  test.each([
    ['null', null, 'request'],
    ['a number', 42, 'request'],
    ['a string', 'gpt-4o', 'request'],
    ['an array', [user], 'request'],
    ['an object without a model', { messages: [user] }, 'model'],
  ])('countChatTokens and countResponsesTokens refuse %s as the request', (_name, request, field) => {
    expect(thrown(() => countChatTokens(request as never)).field).toBe(field);
    expect(thrown(() => countResponsesTokens(request as never)).field).toBe(field);
  });

  test('fitMessages names messages that are not an array', () => {
    expect(thrown(() => fitMessages(null as never, { model: 'gpt-4o', maxTokens: 100 })).field).toBe('messages');
    expect(thrown(() => fitMessages([user], undefined as never)).field).toBe('options');
  });
});

describe('renderFunctionNamespace checks its definitions', () => {
  test.each([
    ['[null]', [null], 'functions[0]'],
    ['[{}]', [{}], 'functions[0].name'],
    ['[{ name: 42 }]', [{ name: 42 }], 'functions[0].name'],
    ['"x"', 'x', 'functions'],
    ['null', null, 'functions'],
    ['{ name }', { name: 'f' }, 'functions'],
  ])('%s', (_name, functions, field) => {
    const error = thrown(() => renderFunctionNamespace(functions as never));
    expect(error).toBeInstanceOf(ChatValidationError);
    expect(error.field).toBe(field);
  });
});

describe('images', () => {
  test.each([
    ['null size', () => countImageTokens('gpt-4o', null as never), 'size'],
    ['a size that is a number', () => countImageTokens('gpt-4o', 512 as never), 'size'],
    ['a width that is a string', () => countImageTokens('gpt-4o', { width: '512', height: 512 } as never), 'size.width'],
    ['a missing height', () => countImageTokens('gpt-4o', { width: 512 } as never), 'size.height'],
    ['NaN', () => countImageTokens('gpt-4o', { width: Number.NaN, height: 512 }), 'size.width'],
    ['a model that is not a string', () => countImageTokens(42 as never, { width: 512, height: 512 }), 'model'],
    ['detail "ultra"', () => countImageTokens('gpt-4o', { width: 512, height: 512 }, 'ultra' as never), 'detail'],
    ['imageSizeFromDataUrl(42)', () => imageSizeFromDataUrl(42 as never), 'url'],
    ['imageSizeFromDataUrl(null)', () => imageSizeFromDataUrl(null as never), 'url'],
  ])('%s is a ChatValidationError naming the field', (_name, run, field) => {
    const error = thrown(run);
    expect(error).toBeInstanceOf(ChatValidationError);
    expect(error.field).toBe(field);
  });

  test('countImageTokens no longer accepts "ultra" as a detail level; a near miss gets a suggestion', () => {
    expect(thrown(() => countImageTokens('gpt-4o', { width: 512, height: 512 }, 'ultra' as never)).message).toBe(
      'tokmeter: detail must be one of "auto", "low", "high", got "ultra".',
    );
    expect(thrown(() => countImageTokens('gpt-4o', { width: 512, height: 512 }, 'hgh' as never)).message).toContain('Did you mean "high"?');
  });

  const url = 'https://example.com/a.png';
  const request = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: [{ type: 'image_url' as const, image_url: { url } }] }] };

  test('an imageSizes function that returns null means it does not know the size (documented), not a TypeError', () => {
    expect(() => countChatTokens(request, { imageSizes: () => null as never })).toThrow(ImageSizeUnknownError);
    expect(countChatTokens(request, { imageSizes: () => null as never, unknownImageSize: 'upper-bound' }).images).toBe(85 + 8 * 170);
  });

  test('an imageSizes function that returns a bad size is named with its URL', () => {
    const error = thrown(() => countChatTokens(request, { imageSizes: () => ({ width: -1, height: 10 }) }));
    expect(error.field).toBe(`options.imageSizes("${url}").width`);
    expect(thrown(() => countChatTokens(request, { imageSizes: () => 'big' as never })).field).toBe(`options.imageSizes("${url}")`);
  });

  test('every error above is a TokmeterError with the package prefix', () => {
    const error = thrown(() => countImageTokens('gpt-4o', null as never));
    expect(error).toBeInstanceOf(TokmeterError);
    expect(error.message.startsWith('tokmeter: ')).toBe(true);
  });
});
