// Gemini media parts: each rule with the worked figure its source gives (docs/gemini-media.md), the
// fields a rule needs and the typed errors when they are missing, and a mixed request whose text
// stays exact while its media are approximate. Chat requests need gemma3's data (registered here,
// process-wide, so this file runs in its own worker as test/sentencepiece/gemini-registered.test.ts does).
import { beforeAll, describe, expect, test } from 'vitest';
import gemma3 from '../../packages/tokmeter-open/gemma3.js';
import { ChatValidationError, countChatTokens, countResponsesTokens, TokmeterError, UnsupportedContentError, useEncodingData, type ChatRequest, type ContentPart } from '../../src/index.js';
import type { GeminiChatTokenCount } from '../../src/chat/gemini-media.js';
import { gemini2ImageTiles, geminiMediaGeneration, geminiMediaTokens } from '../../src/chat/gemini-media-rules.js';
import { MediaMeasureUnknownError } from '../../src/chat/media-measure-error.js';
import { png } from './image-bytes.js';

beforeAll(() => {
  useEncodingData(gemma3);
}, 120_000);

const dataUrl = (type: string, bytes: Uint8Array | string): string => `data:${type};base64,${Buffer.from(bytes).toString('base64')}`;
const image = (width: number, height: number): string => dataUrl('image/png', png(width, height));
const FAKE = Buffer.from('not decoded by tokmeter').toString('base64');

const request = (model: string, ...parts: ContentPart[]): ChatRequest => ({ model, messages: [{ role: 'user', content: [{ type: 'text', text: 'Describe this.' }, ...parts] }] });
const count = (model: string, ...parts: ContentPart[]): GeminiChatTokenCount => countChatTokens(request(model, ...parts)) as GeminiChatTokenCount;
const mediaTokens = (model: string, part: ContentPart): number => {
  const result = count(model, part);
  expect(result.media).toHaveLength(1);
  return result.media[0]!.tokens;
};

/** The error `fn` throws (it must throw). */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new TokmeterError('INTERNAL', 'expected a throw');
}

describe('Gemini 2.0 and 2.5: the documented figures', () => {
  test('an image with both sides ≤ 384 px is 258 tokens (tokens page)', () => {
    expect(mediaTokens('gemini-2.5-flash', { type: 'image_url', image_url: { url: image(384, 384) } })).toBe(258);
    expect(mediaTokens('gemini-2.0-flash', { type: 'image_url', image_url: { url: image(100, 300) } })).toBe(258);
  });

  test('960×540 is 6 tiles of 258, the image-understanding page\'s example (crop unit 360 px)', () => {
    expect(gemini2ImageTiles({ width: 960, height: 540 })).toEqual({ tiles: 6, unit: 360 });
    expect(mediaTokens('gemini-2.5-pro', { type: 'image_url', image_url: { url: image(960, 540) } })).toBe(6 * 258);
    // The same image sent as a file part.
    expect(mediaTokens('gemini-2.5-pro', { type: 'file', file: { file_data: image(960, 540) } })).toBe(1548);
  });

  test('the crop unit stays within 256–768 px', () => {
    expect(gemini2ImageTiles({ width: 385, height: 100 })).toEqual({ tiles: 2, unit: 256 }); // ⌊100 / 1.5⌋ = 66 → 256
    expect(gemini2ImageTiles({ width: 4000, height: 4000 })).toEqual({ tiles: 36, unit: 768 }); // ⌊4000 / 1.5⌋ = 2666 → 768
  });

  test('audio is 32 tokens a second: one minute is 1,920 (audio page)', () => {
    expect(mediaTokens('gemini-2.5-flash', { type: 'input_audio', input_audio: { data: FAKE, format: 'wav', duration_seconds: 60 } })).toBe(1920);
    expect(mediaTokens('gemini-2.5-flash', { type: 'file', file: { file_data: dataUrl('audio/mpeg', 'x'), duration_seconds: 0.5 } })).toBe(16);
  });

  test('video is 263 tokens a second (tokens page), rounded up', () => {
    expect(mediaTokens('gemini-2.5-flash', { type: 'file', file: { file_data: dataUrl('video/mp4', 'x'), duration_seconds: 10 } })).toBe(2630);
    expect(mediaTokens('gemini-2.5-flash', { type: 'file', file: { file_data: dataUrl('video/mp4', 'x'), duration_seconds: 1.5 } })).toBe(395); // 394.5
  });

  test('a PDF is 258 tokens a page (document-processing page)', () => {
    expect(mediaTokens('gemini-2.0-flash', { type: 'file', file: { file_data: dataUrl('application/pdf', 'x'), pages: 3 } })).toBe(774);
  });
});

describe('Gemini 3: the media_resolution budgets', () => {
  const model = 'gemini-3-pro-preview';

  test('an image is 1120 tokens by default, 280 / 560 / 1120 / 2240 at low / medium / high / ultra_high, whatever its size', () => {
    expect(mediaTokens(model, { type: 'image_url', image_url: { url: image(960, 540) } })).toBe(1120);
    expect(mediaTokens(model, { type: 'image_url', image_url: { url: 'https://example.com/any.png' } })).toBe(1120); // no size needed
    const at = (media_resolution: 'low' | 'medium' | 'high' | 'ultra_high'): number => mediaTokens(model, { type: 'image_url', image_url: { url: image(16, 16), media_resolution } });
    expect([at('low'), at('medium'), at('high'), at('ultra_high')]).toEqual([280, 560, 1120, 2240]);
  });

  test('video: a frame a second at 70 tokens (280 at high) plus 25 a second of sound — about 100 and 300 a second', () => {
    const video = (media_resolution?: 'low' | 'medium' | 'high'): ContentPart => ({ type: 'file', file: { file_data: dataUrl('video/mp4', 'x'), duration_seconds: 10, ...(media_resolution && { media_resolution }) } });
    expect(mediaTokens(model, video())).toBe(950);
    expect([mediaTokens(model, video('low')), mediaTokens(model, video('medium')), mediaTokens(model, video('high'))]).toEqual([950, 950, 3050]);
  });

  test('audio is 25 tokens a second', () => {
    expect(mediaTokens('gemini-3-flash-preview', { type: 'input_audio', input_audio: { data: FAKE, format: 'mp3', duration_seconds: 60 } })).toBe(1500);
  });

  test('a PDF page is 560 tokens by default, 280 / 560 / 1120 at low / medium / high', () => {
    const pdf = (media_resolution?: 'low' | 'medium' | 'high'): ContentPart => ({ type: 'file', file: { file_data: dataUrl('application/pdf', 'x'), pages: 2, ...(media_resolution && { media_resolution }) } });
    expect([mediaTokens(model, pdf()), mediaTokens(model, pdf('low')), mediaTokens(model, pdf('medium')), mediaTokens(model, pdf('high'))]).toEqual([1120, 560, 1120, 2240]);
  });
});

describe('a mixed request: text exact, media approximate and said so', () => {
  test('the text counts as without the image; the image adds its tokens in images, with a note naming the rule and its source', () => {
    const textOnly = countChatTokens(request('gemini-2.5-pro'));
    expect(textOnly).toMatchObject({ approximate: false, encoding: 'gemma3', format: 'gemini', images: 0 });
    const mixed = count('gemini-2.5-pro', { type: 'image_url', image_url: { url: image(960, 540) } });
    expect(mixed).toMatchObject({ approximate: true, encoding: 'gemma3', format: 'gemini', images: 1548, messages: textOnly.messages });
    expect(mixed.total).toBe(textOnly.total + 1548);
    expect(mixed.media).toEqual([
      {
        field: 'messages[0].content[1]',
        kind: 'image',
        tokens: 1548,
        approximate: true,
        note: expect.stringMatching(/^Gemini 2\.0\/2\.5 image 960×540 px: crop unit 360 px, 3 × 2 tiles of 258 tokens \(https:\/\/ai\.google\.dev\/gemini-api\/docs\/image-understanding, Google, read 2026-12-07\); approximate$/),
        source: { url: 'https://ai.google.dev/gemini-api/docs/image-understanding', official: true, read: '2026-12-07' },
      },
    ]);
  });

  test('audio, video and PDF tokens go in their message, images in images; the parts add up to the total', () => {
    const result = countChatTokens({
      model: 'gemini-3-flash-preview',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'Compare these.' }, { type: 'image_url', image_url: { url: image(20, 20), media_resolution: 'low' } }, { type: 'input_audio', input_audio: { data: FAKE, format: 'wav', duration_seconds: 4 } }] },
        { role: 'assistant', content: 'Which one first?' },
        { role: 'user', content: [{ type: 'file', file: { file_data: dataUrl('application/pdf', 'x'), pages: 1 } }] },
      ],
    }) as GeminiChatTokenCount;
    const text = countChatTokens({ model: 'gemini-3-flash-preview', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Compare these.' }, { role: 'assistant', content: 'Which one first?' }] });
    expect(result.images).toBe(280);
    expect(result.messages).toEqual([text.messages[0], text.messages[1]! + 100, text.messages[2], 560]);
    expect(result.total).toBe(result.messages.reduce((a, b) => a + b, 0) + result.tools + result.images);
    expect(result.media.map((m) => [m.field, m.kind, m.tokens])).toEqual([
      ['messages[1].content[1]', 'image', 280],
      ['messages[1].content[2]', 'audio', 100],
      ['messages[3].content[0]', 'document', 560],
    ]);
    expect(result.media.every((m) => m.approximate && m.source.official && m.note.endsWith('approximate'))).toBe(true);
    expect(result.approximate).toBe(true);
  });

  test('countResponsesTokens counts a Gemini input_image the same way', () => {
    const result = countResponsesTokens({ model: 'gemini-2.5-flash', input: [{ role: 'user', content: [{ type: 'input_text', text: 'Describe this.' }, { type: 'input_image', image_url: image(960, 540), detail: 'auto' }] }] });
    expect(result).toMatchObject({ approximate: true, images: 1548, total: countChatTokens(request('gemini-2.5-flash')).total + 1548 });
  });
});

describe('Gemini models counted with a stand-in encoding: their media by the same rules', () => {
  // gemini-3.5-flash counts its text with gemma4, which tokmeter does not have: o200k_base stands in,
  // OpenAI's chat framing around it, and its media are still counted by Google's Gemini 3 rules.
  test('an image, audio and a PDF add their Gemini 3 budgets to the stand-in count', () => {
    const text = countChatTokens(request('gemini-3.5-flash'));
    expect(text).toMatchObject({ approximate: true, encoding: 'o200k_base', format: 'chat', images: 0 });
    expect(text.media).toBeUndefined();
    const result = countChatTokens(
      request('gemini-3.5-flash', { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } }, { type: 'input_audio', input_audio: { data: FAKE, format: 'wav', duration_seconds: 10 } }, { type: 'file', file: { file_data: dataUrl('application/pdf', 'x'), pages: 2 } }),
    );
    expect(result).toMatchObject({ approximate: true, encoding: 'o200k_base', format: 'chat', images: 1120 });
    // The parts' own framing is the stand-in's business: only the media's tokens are compared here.
    expect(result.messages[0]! - text.messages[0]!).toBeGreaterThanOrEqual(250 + 1120);
    expect(result.media!.map((m) => [m.kind, m.tokens])).toEqual([['image', 1120], ['audio', 250], ['document', 1120]]);
    expect(result.total).toBe(result.messages.reduce((a, b) => a + b, 0) + result.tools + result.toolChoice + result.images + result.replyPriming);
  });

  test('a generation Google gives no media rule for is refused, and OpenAI models still refuse audio and files', () => {
    const gemini4 = thrown(() => count('gemini-4-pro', { type: 'image_url', image_url: { url: image(20, 20) } }));
    expect(gemini4).toBeInstanceOf(UnsupportedContentError);
    expect((gemini4 as Error).message).toMatch(/no Gemini media rule for "gemini-4-pro"/);
    const audio = thrown(() => countChatTokens(request('gpt-4o', { type: 'input_audio', input_audio: { data: FAKE, format: 'wav' } })));
    expect((audio as Error).message).toMatch(/messages\[0\]\.content\[1\] is audio; audio tokens depend on the decoded audio/);
    const file = thrown(() => countChatTokens(request('gpt-4o', { type: 'file', file: { file_data: dataUrl('application/pdf', 'x') } })));
    expect((file as Error).message).toMatch(/is a file; file inputs are converted on the server/);
  });
});

describe('a figure a rule needs and does not have: a typed error naming the field', () => {
  test('audio without duration_seconds', () => {
    const error = thrown(() => count('gemini-2.5-flash', { type: 'input_audio', input_audio: { data: FAKE, format: 'wav' } }));
    expect(error).toBeInstanceOf(MediaMeasureUnknownError);
    expect(error).toMatchObject({ code: 'MEDIA_MEASURE_UNKNOWN', field: 'messages[0].content[1].input_audio.duration_seconds' });
    expect((error as Error).message).toMatch(/^tokmeter: messages\[0\]\.content\[1\]\.input_audio\.duration_seconds is missing: .*Add the length in seconds as duration_seconds, or ask the API with countTokensRemote\.$/);
  });

  test('a video file without duration_seconds, a PDF without pages', () => {
    expect(thrown(() => count('gemini-3-pro-preview', { type: 'file', file: { file_data: dataUrl('video/webm', 'x') } }))).toMatchObject({ code: 'MEDIA_MEASURE_UNKNOWN', field: 'messages[0].content[1].file.duration_seconds' });
    const pdf = thrown(() => count('gemini-2.5-pro', { type: 'file', file: { file_data: dataUrl('application/pdf', 'x') } }));
    expect(pdf).toMatchObject({ code: 'MEDIA_MEASURE_UNKNOWN', field: 'messages[0].content[1].file.pages' });
    expect((pdf as Error).message).toMatch(/Add the page count as pages, or ask the API with countTokensRemote/);
  });

  test('a Gemini 2.0/2.5 image whose size cannot be read: a remote URL, a HEIC', () => {
    const remote = thrown(() => count('gemini-2.5-pro', { type: 'image_url', image_url: { url: 'https://example.com/photo.jpg' } }));
    expect(remote).toMatchObject({ code: 'MEDIA_MEASURE_UNKNOWN', field: 'messages[0].content[1].image_url.url' });
    expect((remote as Error).message).toMatch(/remote URL.*Send it as a base64 data: URL, or ask the API with countTokensRemote/);
    expect(thrown(() => count('gemini-2.5-pro', { type: 'image_url', image_url: { url: dataUrl('image/heic', 'ftypheic') } }))).toMatchObject({ code: 'MEDIA_MEASURE_UNKNOWN' });
  });

  test('what no rule covers is refused: a file_id, a text file', () => {
    expect(() => count('gemini-2.5-pro', { type: 'file', file: { file_id: 'file-abc' } })).toThrow(UnsupportedContentError);
    expect(() => count('gemini-2.5-pro', { type: 'file', file: { file_data: dataUrl('text/plain', 'hello') } })).toThrow(/text\/plain file/);
  });

  test('values a rule cannot use are validation errors', () => {
    const audio = (duration_seconds: unknown): ContentPart => ({ type: 'input_audio', input_audio: { data: FAKE, format: 'wav', duration_seconds: duration_seconds as number } });
    for (const bad of [0, -1, Number.NaN, '10']) {
      expect(thrown(() => count('gemini-2.5-flash', audio(bad)))).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'messages[0].content[1].input_audio.duration_seconds' });
    }
    expect(() => count('gemini-2.5-pro', { type: 'file', file: { file_data: dataUrl('application/pdf', 'x'), pages: 1.5 } })).toThrow(ChatValidationError);
    expect(thrown(() => count('gemini-3-pro-preview', { type: 'image_url', image_url: { url: image(8, 8), media_resolution: 'hi' as 'high' } }))).toMatchObject({ field: 'messages[0].content[1].image_url.media_resolution' });
  });

  test('media_resolution on Gemini 2.0/2.5, ultra_high on a video or PDF', () => {
    expect(() => count('gemini-2.5-pro', { type: 'image_url', image_url: { url: image(8, 8), media_resolution: 'low' } })).toThrow(/for Gemini 3 models only/);
    const video: ContentPart = { type: 'file', file: { file_data: dataUrl('video/mp4', 'x'), duration_seconds: 3, media_resolution: 'ultra_high' } };
    expect(thrown(() => count('gemini-3-pro-preview', video))).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'messages[0].content[1].file.media_resolution' });
  });
});

describe('the rule table', () => {
  test('model ids map to the generation Google documents', () => {
    expect(['gemini-2.0-flash-001', 'models/gemini-2.5-pro', 'vertex_ai/gemini-3-pro-preview', 'gemini-3.8-flash', 'gemini-1.5-pro', 'gemini-4-carbon'].map(geminiMediaGeneration)).toEqual(['2', '2', '3', '3', undefined, undefined]);
  });

  test('counts round up and scale with the figure', () => {
    expect(geminiMediaTokens('2', { kind: 'audio', seconds: 0.01 }).tokens).toBe(1);
    expect(geminiMediaTokens('3', { kind: 'document', pages: 1000 }).tokens).toBe(560_000);
    expect(geminiMediaTokens('2', { kind: 'image', size: { width: 3840, height: 2160 } })).toMatchObject({ tokens: 15 * 258 }); // unit 768: 5 × 3
  });
});
