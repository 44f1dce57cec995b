import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EncodingDataNotInstalledError, getEncoding, OPEN_ENCODING_NAMES, TokmeterError, useEncodingData } from '../../src/index.js';
import llama3 from '../../packages/tokmeter-open/llama3.js';

const openPackage = join(import.meta.dirname, '..', '..', 'packages', 'tokmeter-open');

describe('optional encodings without their data', () => {
  it.each(OPEN_ENCODING_NAMES)('getEncoding(%j) says to install tokmeter-open and shows the import lines', (name) => {
    let error: unknown;
    try {
      getEncoding(name);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EncodingDataNotInstalledError);
    const typed = error as EncodingDataNotInstalledError;
    expect(typed.code).toBe('ENCODING_DATA_MISSING');
    expect(typed.encoding).toBe(name);
    expect(typed.message).toMatch(/^tokmeter: /);
    expect(typed.message).toContain('npm install tokmeter-open');
    expect(typed.message).toContain(`from 'tokmeter-open/${name}';`);
    expect(typed.message).toContain("import { useEncodingData } from 'tokmeter';");
  });
});

describe('useEncodingData', () => {
  it('refuses data whose bytes are not what this tokmeter expects, naming the package', () => {
    const flipped = llama3.base64[100] === 'A' ? 'B' : 'A';
    const tampered = { ...llama3, base64: `${llama3.base64.slice(0, 100)}${flipped}${llama3.base64.slice(101)}` };
    expect(tampered.base64).not.toBe(llama3.base64);
    expect(() => useEncodingData(tampered)).toThrow(/tokmeter-open\/llama3 is damaged: token lengths add up to \d+ bytes but the arena holds \d+\. Install the version of tokmeter-open/);
    try {
      useEncodingData(tampered);
    } catch (error) {
      expect((error as TokmeterError).code).toBe('ENCODING_DATA_CORRUPT');
    }
    expect(() => useEncodingData({ ...llama3, name: 'qwen2' } as never)).toThrow(/tokmeter-open\/qwen2 is damaged/);
    const lastChar = llama3.base64.length - 8;
    const arenaFlipped = { ...llama3, base64: `${llama3.base64.slice(0, lastChar)}${llama3.base64[lastChar] === 'A' ? 'B' : 'A'}${llama3.base64.slice(lastChar + 1)}` };
    expect(() => useEncodingData(arenaFlipped)).toThrow(/tokmeter-open\/llama3 is damaged: its ranks have digest 0x[0-9a-f]{8}, tokmeter expects 0x/);
    expect(() => useEncodingData({ ...llama3, name: 'llama4' } as never)).toThrow(/data\.name must be one of llama3, qwen2, deepseek_v3/);
    expect(() => useEncodingData({ ...llama3, format: 'tkmr-2' } as never)).toThrow(/data\.format/);
  });

  it('registers the data once: getEncoding then counts, and the same data again changes nothing', () => {
    const encoding = useEncodingData(llama3);
    expect(getEncoding('llama3')).toBe(encoding);
    expect(useEncodingData(llama3)).toBe(encoding);
    expect(encoding.name).toBe('llama3');
    expect(encoding.encode('hello world')).toEqual([15339, 1917]);
  });
});

describe('the tokmeter-open package', () => {
  const manifest = JSON.parse(readFileSync(join(openPackage, 'package.json'), 'utf8')) as { files: string[]; exports: Record<string, { default: string; types: string }>; sideEffects: boolean };

  it('exports each encoding as a module of plain data that imports nothing', () => {
    expect(manifest.sideEffects).toBe(false);
    for (const name of OPEN_ENCODING_NAMES) {
      expect(manifest.exports[`./${name}`]).toEqual({ types: `./${name}.d.ts`, default: `./${name}.js` });
      expect(manifest.files).toContain(`${name}.js`);
      expect(manifest.files).toContain(`${name}.d.ts`);
      const source = readFileSync(join(openPackage, `${name}.js`), 'utf8');
      expect(source).not.toMatch(/^\s*(import|export \*|export \{)/m);
      expect(source).toContain(`  name: '${name}',`);
    }
    expect(manifest.files).toContain('LICENSES');
    expect(manifest.files).toContain('NOTICE');
  });

  // That the modules are what scripts/convert-open-encodings.mjs makes (and DeepSeek's punctuation table
  // what scripts/generate-punctuation-symbols.mjs makes) is checked with every generator by
  // test/generated-files.test.ts (npm run generate -- --check).
});
