/** The chat outputs shown in README.md are produced here, so the README cannot drift. */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { countChatTokens, countResponsesTokens, encodeChat, fitMessages, renderFunctionNamespace } from '../../src/chat/index.js';
import type { ChatTokenCount } from '../../src/chat/index.js';
import { getEncoding } from '../../src/encodings/registry.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const summary = (r: ChatTokenCount): string =>
  `// total: ${r.total}, messages: [${r.messages.join(', ')}], tools: ${r.tools}, toolChoice: ${r.toolChoice}, images: ${r.images}, replyPriming: ${r.replyPriming}, preamble: ${r.preamble}`;

const weatherTool = {
  type: 'function' as const,
  function: {
    name: 'get_current_weather',
    description: 'Get the current weather in a given location',
    parameters: {
      type: 'object',
      properties: { location: { type: 'string', description: 'The city and state, e.g. San Francisco, CA' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } },
      required: ['location'],
    },
  },
};

describe('README.md chat examples', () => {
  test('hello', () => {
    const total = countChatTokens({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hello' }] }).total;
    expect(readme).toContain(`countChatTokens({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hello' }] }).total; // ${total}`);
  });

  test('tools', () => {
    const result = countChatTokens({
      model: 'gpt-4o',
      messages: [{ role: 'system', content: 'You are a weather bot.' }, { role: 'user', content: "What's the weather like in San Francisco?" }],
      tools: [weatherTool],
      tool_choice: 'auto',
    });
    expect(readme).toContain(summary(result));
    const namespace = renderFunctionNamespace([weatherTool.function]);
    expect(readme).toContain(`\`\`\`\n${namespace}\n\`\`\``);
    const tokens = getEncoding('o200k_base').count(namespace);
    expect(readme).toContain(`${tokens} tokens in o200k_base, + 9 − 4`);
    expect(result.tools).toBe(tokens + 9 - 4);
  });

  test('tool layouts: the two blocks show a nested object in each layout', () => {
    const order = { type: 'object', description: 'The order', properties: { id: { type: 'string', description: 'Order id' }, qty: { type: 'integer' } }, required: ['id'] };
    for (const toolLayout of ['flat', 'indented-2023'] as const) {
      const text = renderFunctionNamespace([{ name: 'f', parameters: { type: 'object', properties: { order }, required: ['order'] } }], { toolLayout });
      const lines = text.slice(text.indexOf('(_: {\n') + 6, text.indexOf('\n}) => any;'));
      expect(readme).toContain(`\`\`\`\n${lines}\n\`\`\``);
    }
  });

  test('encodeChat', () => {
    const request = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'hello' }] };
    const ids = encodeChat(request);
    expect(readme).toContain(`encodeChat({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hello' }] });\n// [${ids.join(', ')}]`);
    expect(readme).toContain(`// '${getEncoding('o200k_harmony').decode(ids)}'`);
  });

  test('image', () => {
    const url = 'https://example.com/receipt.jpg';
    const result = countChatTokens(
      { model: 'gpt-4o', messages: [{ role: 'user', content: [{ type: 'text', text: 'Total on this receipt?' }, { type: 'image_url', image_url: { url, detail: 'high' } }] }] },
      { imageSizes: { [url]: { width: 1536, height: 2048 } } },
    );
    expect(readme).toContain(summary(result));
    const d = result.imageDetails[0]!;
    expect(readme).toContain(
      `// imageDetails: [{ field: '${d.field}', size: { width: ${d.size?.width}, height: ${d.size?.height} }, detail: '${d.detail}', method: '${d.method}', tokens: ${d.tokens}, sizeFrom: '${d.sizeFrom}' }]`,
    );
    expect(readme).toContain(`(85 + 8 × 170 = ${countChatTokens({ model: 'gpt-4o', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url } }] }] }, { unknownImageSize: 'upper-bound' }).images} on gpt-4o)`);
  });

  test('responses', () => {
    const r = countResponsesTokens({ model: 'gpt-4o', instructions: 'Be brief.', input: 'hello' });
    expect(readme).toContain(`// total: ${r.total}, instructions: ${r.instructions}, input: [${r.input.join(', ')}], replyPriming: ${r.replyPriming}`);
  });

  test('harmony', () => {
    const r = countChatTokens({ model: 'gpt-oss-20b', messages: [{ role: 'user', content: 'What is 2 + 2?' }] }, { harmony: { currentDate: '2025-08-05' } });
    expect(readme).toContain(summary(r));
  });

  test('fitMessages', () => {
    const r = fitMessages(
      [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Tell me about Lisbon.' },
        { role: 'assistant', content: 'A hilly, sunny capital on the Tagus.' },
        { role: 'user', content: 'And Porto?' },
      ],
      { model: 'gpt-4o', maxTokens: 30 },
    );
    expect(r.fits).toBe(true);
    if (!r.fits) return;
    expect(r.removed.map((x) => `${x.kind} ${x.index}`)).toEqual(['dropped 1', 'dropped 2']);
    expect(readme).toContain(`// fits: true, total: ${r.total}, remaining: ${r.remaining}, removed: messages 1 and 2 (dropped)`);
  });
});
