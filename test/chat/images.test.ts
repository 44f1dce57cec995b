/** Image tokens: OpenAI's documented examples, header reading for every format, size hints. */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ChatValidationError, ImageSizeUnknownError, IMAGE_MODELS, UnsupportedContentError, countChatTokens, countImageTokens, imageSizeFromDataUrl } from '../../src/chat/index.js';
import { imageTokens, imageTokensUpperBound, patchCount, tileGrid } from '../../src/chat/images/image-cost.js';
import { readImageHeader } from '../../src/chat/images/image-size.js';
import { dataUrl, gif, jpeg, png, webpExtended, webpLossless, webpLossy } from './image-bytes.js';

interface DocExample {
  model: string;
  width: number;
  height: number;
  detail: 'high' | 'low' | 'n/a';
  expected_image_tokens?: number;
  expected_image_patches?: number;
  kind: string;
}
const examples = JSON.parse(readFileSync(new URL('../fixtures/reference/image-token-doc-examples.json', import.meta.url), 'utf8')) as DocExample[];

describe('OpenAI documentation examples (image-token-doc-examples.json)', () => {
  test.each(examples.map((e) => [`${e.model} ${e.width}x${e.height} ${e.detail}`, e] as const))('%s', (_name, e) => {
    if (e.expected_image_tokens !== undefined) {
      expect(countImageTokens(e.model, { width: e.width, height: e.height }, e.detail === 'n/a' ? 'auto' : e.detail)).toBe(e.expected_image_tokens);
    } else {
      // Patch-method examples are given in patches, before the per-model multiplier.
      expect(patchCount(e.width, e.height, 1536)).toBe(e.expected_image_patches);
      expect(countImageTokens('gpt-4.1-mini', { width: e.width, height: e.height })).toBe(Math.floor((e.expected_image_patches ?? 0) * 1.62));
    }
  });

  test('the docs\' intermediate sizes: 2048x4096 → 768x1536, 6 tiles', () => {
    expect(tileGrid(2048, 4096)).toEqual({ width: 768, height: 1536, tiles: 6 });
  });

  test('small images are never scaled up', () => {
    expect(tileGrid(100, 50)).toEqual({ width: 100, height: 50, tiles: 1 });
    expect(countImageTokens('gpt-4o', { width: 100, height: 50 }, 'high')).toBe(85 + 170);
  });

  test('auto (and omitted) detail counts like high', () => {
    expect(countImageTokens('gpt-4o', { width: 1024, height: 1024 }, 'auto')).toBe(765);
    expect(countImageTokens('gpt-4o', { width: 1024, height: 1024 })).toBe(765);
  });

  test('per-model constants come from the data table', () => {
    expect(countImageTokens('gpt-4o-mini', { width: 1024, height: 1024 }, 'high')).toBe(2833 + 4 * 5667);
    expect(countImageTokens('gpt-5', { width: 1024, height: 1024 }, 'high')).toBe(70 + 4 * 140);
    expect(countImageTokens('o1', { width: 512, height: 512 }, 'low')).toBe(75);
    expect(countImageTokens('o4-mini', { width: 1024, height: 1024 })).toBe(Math.floor(1024 * 1.72));
    expect(countImageTokens('gpt-4.1-nano', { width: 1024, height: 1024 })).toBe(Math.floor(1024 * 2.46));
    expect(countImageTokens('openai/gpt-4o-2024-11-20', { width: 1024, height: 1024 })).toBe(765);
    for (const record of IMAGE_MODELS) expect(record.source.length).toBeGreaterThan(0);
  });
});

describe('image bounds (fast-check)', () => {
  const side = fc.integer({ min: 1, max: 20_000 });
  const detail = fc.constantFrom('low' as const, 'high' as const, 'auto' as const);
  const costs = IMAGE_MODELS.flatMap((r) => (r.cost === null ? [] : [r.cost]));

  test('no image costs more than the upper bound used for unknown sizes', () => {
    fc.assert(
      fc.property(side, side, detail, fc.constantFrom(...costs), (w, h, d, cost) => {
        expect(imageTokens(w, h, d, cost)).toBeLessThanOrEqual(imageTokensUpperBound(d, cost));
      }),
    );
  });

  test('the patch count never exceeds the cap, and the tile grid fits 2048 and 768', () => {
    fc.assert(
      fc.property(side, side, (w, h) => {
        expect(patchCount(w, h, 1536)).toBeLessThanOrEqual(1536);
        const grid = tileGrid(w, h);
        expect(Math.max(grid.width, grid.height)).toBeLessThanOrEqual(2048);
        expect(Math.min(grid.width, grid.height)).toBeLessThanOrEqual(768);
      }),
    );
  });

  test('the upper bound is reached: 768x2048 at high detail', () => {
    expect(countImageTokens('gpt-4o', { width: 768, height: 2048 }, 'high')).toBe(imageTokensUpperBound('high', { method: 'tile', base: 85, perTile: 170 }));
  });
});

describe('image size from the image header', () => {
  const cases = [
    ['PNG', png(301, 203), 'png', 301, 203],
    ['GIF89a', gif(33, 1025), 'gif', 33, 1025],
    ['GIF87a', gif(640, 480, '87a'), 'gif', 640, 480],
    ['JPEG baseline (SOF0)', jpeg(4000, 3000), 'jpeg', 4000, 3000],
    ['JPEG progressive (SOF2)', jpeg(640, 17, { sof: 0xc2 }), 'jpeg', 640, 17],
    ['JPEG behind 120 KB of APP segments', jpeg(1023, 767, { appSegments: [60_000, 60_000] }), 'jpeg', 1023, 767],
    ['WebP lossy (VP8)', webpLossy(301, 203), 'webp', 301, 203],
    ['WebP lossless (VP8L)', webpLossless(300, 7), 'webp', 300, 7],
    ['WebP extended (VP8X)', webpExtended(5000, 129), 'webp', 5000, 129],
  ] as const;

  test.each(cases)('%s', (_name, bytes, format, width, height) => {
    expect(readImageHeader(bytes)).toEqual({ ok: true, format, width, height });
    expect(imageSizeFromDataUrl(dataUrl(`image/${format}`, bytes))).toEqual({ width, height });
  });

  test('the DHT marker (0xC4) is not mistaken for a frame header', () => {
    // jpeg() writes a DHT before the SOF; a reader stopping at the first 0xC_ marker would read garbage.
    expect(readImageHeader(jpeg(1234, 567))).toMatchObject({ width: 1234, height: 567 });
  });

  test('the header decides the format, not the declared media type', () => {
    expect(imageSizeFromDataUrl(dataUrl('image/jpeg', png(10, 20)))).toEqual({ width: 10, height: 20 });
  });

  test('truncated or foreign bytes are reported, not guessed', () => {
    expect(readImageHeader(png(10, 10).subarray(0, 20)).ok).toBe(false);
    expect(readImageHeader(jpeg(10, 10).subarray(0, 30)).ok).toBe(false);
    expect(readImageHeader(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>')).ok).toBe(false);
    expect(() => imageSizeFromDataUrl('data:image/png,notbase64')).toThrow(ChatValidationError);
  });
});

describe('images inside a chat request', () => {
  const text = { type: 'text' as const, text: 'What is in this image?' };
  const withImage = (url: string, detail?: 'low' | 'high' | 'auto') =>
    ({ model: 'gpt-4o', messages: [{ role: 'user' as const, content: [text, { type: 'image_url' as const, image_url: detail === undefined ? { url } : { url, detail } }] }] });

  test('a data URL is measured from its header and counted by the tile method', () => {
    const result = countChatTokens(withImage(dataUrl('image/png', png(1024, 1024)), 'high'));
    const textOnly = countChatTokens({ model: 'gpt-4o', messages: [{ role: 'user', content: [text] }] });
    expect(result.images).toBe(765);
    expect(result.total).toBe(textOnly.total + 765);
    expect(result.imageDetails).toEqual([{ field: 'messages[0].content[1]', size: { width: 1024, height: 1024 }, detail: 'high', method: 'tile', tokens: 765, sizeFrom: 'data-url' }]);
  });

  test('low detail costs the base whatever the size', () => {
    expect(countChatTokens(withImage(dataUrl('image/webp', webpExtended(4096, 8192)), 'low')).images).toBe(85);
  });

  test('a remote URL needs a size hint…', () => {
    const url = 'https://example.com/cat.jpg';
    expect(() => countChatTokens(withImage(url))).toThrow(ImageSizeUnknownError);
    try {
      countChatTokens(withImage(url));
    } catch (error) {
      expect((error as ImageSizeUnknownError).field).toBe('messages[0].content[1].image_url.url');
      expect((error as Error).message).toMatch(/imageSizes/);
    }
    expect(countChatTokens(withImage(url, 'high'), { imageSizes: { [url]: { width: 2048, height: 4096 } } }).images).toBe(1105);
    expect(countChatTokens(withImage(url, 'high'), { imageSizes: (u) => (u === url ? { width: 1024, height: 1024 } : undefined) }).images).toBe(765);
  });

  test('…or an explicit request for the upper bound', () => {
    const result = countChatTokens(withImage('https://example.com/cat.jpg'), { unknownImageSize: 'upper-bound' });
    expect(result.images).toBe(85 + 8 * 170);
    expect(result.imageDetails[0]?.sizeFrom).toBe('upper-bound');
  });

  test('patch-method models count patches times their multiplier', () => {
    const result = countChatTokens({ ...withImage(dataUrl('image/gif', gif(1800, 2400))), model: 'gpt-4.1-mini' });
    expect(result.images).toBe(Math.floor(1452 * 1.62));
    expect(result.imageDetails[0]?.method).toBe('patch');
  });

  test('a text-only model rejects images with a typed error', () => {
    expect(() => countChatTokens({ ...withImage(dataUrl('image/png', png(8, 8))), model: 'gpt-3.5-turbo' })).toThrow(UnsupportedContentError);
  });
});
