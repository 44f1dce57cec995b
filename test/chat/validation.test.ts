/** Malformed requests get typed errors that name the message index and the field. */
import { describe, expect, test } from 'vitest';
import { ChatValidationError, UnsupportedContentError, countChatTokens, fitMessages } from '../../src/chat/index.js';
import { InvalidArgumentError, TokmeterError, UnknownModelError } from '../../src/errors.js';

/** Count an untyped request (as from JSON) and return what it threw. */
function thrown(request: unknown, options?: unknown): unknown {
  try {
    countChatTokens(request as never, options as never);
  } catch (error) {
    return error;
  }
  throw new Error('expected countChatTokens to throw');
}

function validationError(request: unknown, options?: unknown): ChatValidationError {
  const error = thrown(request, options);
  expect(error).toBeInstanceOf(ChatValidationError);
  return error as ChatValidationError;
}

const ok = { role: 'user', content: 'hi' };

describe('message validation names the index and field', () => {
  test('a message without a role', () => {
    const error = validationError({ model: 'gpt-4o', messages: [ok, { content: 'hi' }] });
    expect(error.field).toBe('messages[1].role');
    expect(error.messageIndex).toBe(1);
    expect(error.message).toBe('tokmeter: messages[1].role is required; it must be one of "system", "developer", "user", "assistant", "tool", "function".');
  });

  test('an unknown role', () => {
    const error = validationError({ model: 'gpt-4o', messages: [{ role: 'robot', content: 'hi' }] });
    expect(error.field).toBe('messages[0].role');
    expect(error.message).toMatch(/must be one of "system", "developer", "user", "assistant", "tool", "function", got "robot"/);
  });

  test('content of the wrong type', () => {
    const error = validationError({ model: 'gpt-4o', messages: [ok, ok, { role: 'user', content: 42 }] });
    expect(error.field).toBe('messages[2].content');
    expect(error.messageIndex).toBe(2);
    expect(error.message).toMatch(/must be a string or an array of content parts, got 42\./);
  });

  test('an unknown content part type', () => {
    const error = validationError({ model: 'gpt-4o', messages: [{ role: 'user', content: [{ type: 'text', text: 'a' }, { type: 'video', url: 'x' }] }] });
    expect(error.field).toBe('messages[0].content[1].type');
    expect(error.message).toMatch(/must be one of "text", "image_url", "input_audio", "file", got "video"/);
  });

  test('a text part whose text is not a string', () => {
    const error = validationError({ model: 'gpt-4o', messages: [{ role: 'user', content: [{ type: 'text', text: 7 }] }] });
    expect(error.field).toBe('messages[0].content[0].text');
    expect(error.message).toMatch(/must be a string, got 7\./);
  });

  test('an image part in a system message', () => {
    const error = validationError({ model: 'gpt-4o', messages: [{ role: 'system', content: [{ type: 'image_url', image_url: { url: 'https://x/y.png' } }] }] });
    expect(error.field).toBe('messages[0].content[0].type');
  });

  test('a broken data URL', () => {
    const error = validationError({
      model: 'gpt-4o',
      messages: [ok, { role: 'user', content: [{ type: 'text', text: 'see' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,@@@' } }] }],
    });
    expect(error.field).toBe('messages[1].content[1].image_url.url');
    expect(error.messageIndex).toBe(1);
    expect(error.message).toMatch(/not valid base64/);
  });

  test('a data URL that is not an image', () => {
    const error = validationError({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: `data:image/png;base64,${Buffer.from('hello world').toString('base64')}` } }] }],
    });
    expect(error.field).toBe('messages[0].content[0].image_url.url');
    expect(error.message).toMatch(/not a PNG, JPEG, GIF or WebP/);
  });

  test('an image detail outside low/high/auto', () => {
    const error = validationError({ model: 'gpt-4o', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://x', detail: 'ultra' } }] }] });
    expect(error.field).toBe('messages[0].content[0].image_url.detail');
    expect(error.message).toMatch(/"low"|"high"|"auto"/);
  });

  test('a function message without a name', () => {
    const error = validationError({ model: 'gpt-4o', messages: [{ role: 'function', content: '{}' }] });
    expect(error.field).toBe('messages[0].name');
  });

  test('a tool call without arguments', () => {
    const error = validationError({ model: 'gpt-4o', messages: [{ role: 'assistant', tool_calls: [{ type: 'function', function: { name: 'f' } }] }] });
    expect(error.field).toBe('messages[0].tool_calls[0].function.arguments');
  });

  test('messages that are not an array', () => {
    const error = validationError({ model: 'gpt-4o', messages: 'hello' });
    expect(error.field).toBe('messages');
    expect(error.messageIndex).toBeUndefined();
  });

  test('a tool whose parameters are not an object', () => {
    const error = validationError({ model: 'gpt-4o', messages: [ok], tools: [{ type: 'function', function: { name: 'f', parameters: 'x' } }] });
    expect(error.field).toBe('tools[0].function.parameters');
  });

  test('options are validated too', () => {
    const error = validationError({ model: 'gpt-4o', messages: [ok] }, { unknownImageSize: 'guess' });
    expect(error.field).toBe('options.unknownImageSize');
  });

  test('the error is a typed tokmeter error', () => {
    const error = validationError({ model: 'gpt-4o', messages: [{}] });
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toBeInstanceOf(TokmeterError);
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.name).toBe('ChatValidationError');
  });
});

describe('other typed errors', () => {
  test('an unknown model gets the foundation\'s UnknownModelError', () => {
    const error = thrown({ model: 'llama-17-ultra', messages: [ok] });
    expect(error).toBeInstanceOf(UnknownModelError);
  });

  test('audio cannot be counted offline, and says so', () => {
    const error = thrown({ model: 'gpt-4o', messages: [{ role: 'user', content: [{ type: 'input_audio', input_audio: { data: 'AAAA', format: 'wav' } }] }] });
    expect(error).toBeInstanceOf(UnsupportedContentError);
    expect((error as UnsupportedContentError).field).toBe('messages[0].content[0]');
  });

  test('custom tools cannot be counted, and say so', () => {
    const error = thrown({ model: 'gpt-4o', messages: [ok], tools: [{ type: 'custom', custom: { name: 'x' } }] });
    expect(error).toBeInstanceOf(UnsupportedContentError);
    expect((error as UnsupportedContentError).field).toBe('tools[0]');
  });

  test('fitMessages validates its options', () => {
    expect(() => fitMessages([{ role: 'user', content: 'hi' }], { model: 'gpt-4o', maxTokens: -1 })).toThrow(
      expect.objectContaining({ field: 'options.maxTokens' }),
    );
  });
});
