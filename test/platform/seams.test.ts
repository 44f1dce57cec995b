import { createHash } from 'node:crypto';
import { test as fcTest, fc } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { decodeBase64 } from '../../src/platform/base64.js';
import * as filesNode from '../../src/platform/files.js';
import * as filesWeb from '../../src/platform/files.web.js';
import * as hostNode from '../../src/platform/host.js';
import * as hostWeb from '../../src/platform/host.web.js';
import * as rankDataNode from '../../src/platform/rank-data.js';
import * as rankDataWeb from '../../src/platform/rank-data.web.js';
import { sha256, sha256Hex } from '../../src/platform/sha256.js';
import * as zodNode from '../../src/platform/zod-module.js';
import * as zodWeb from '../../src/platform/zod-module.web.js';

// The platform seams: each file in src/platform/ with a .web.ts twin is swapped for the twin in the
// web build (tsup.config.ts). The twins must export the same names with the same types, and do
// the same thing; the web build itself is tested in real runtimes (test/runtimes/).

// Compile-time: every export of one twin is assignable to the other's (tsc runs over the tests).
interface Units {
  readonly units: Uint16Array;
  write(text: string): void;
}
type Host = Omit<typeof hostNode, 'UnitsBuffer'> & { UnitsBuffer: new (length: number) => Units };
const hosts: [Host, Host] = [hostNode, hostWeb];
const files: [typeof filesNode, typeof filesWeb] = [filesWeb, filesNode];
const rankData: [typeof rankDataNode, typeof rankDataWeb] = [rankDataWeb, rankDataNode];
const zods: [typeof zodNode, typeof zodWeb] = [zodWeb, zodNode];

const sha256Node = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

describe('the twins', () => {
  it('export the same names', () => {
    for (const [node, web] of [hosts, files, rankData, zods] as [object, object][]) {
      expect(Object.keys(web).sort()).toEqual(Object.keys(node).sort());
    }
  });

  it('read the same rank data, the web one through its static imports', () => {
    for (const name of ['r50k_base', 'p50k_base', 'cl100k_base', 'o200k_base'] as const) {
      const [web, node] = [rankDataWeb.rankData(name).bytes!, rankDataNode.rankData(name).bytes!];
      expect(Buffer.from(web.buffer, web.byteOffset, web.length).equals(node), name).toBe(true);
    }
  });

  it('load the same zod', () => {
    expect(zodWeb.loadZod().z.string().parse('x')).toBe('x');
    expect(zodNode.loadZod().z.string().parse('x')).toBe('x');
  });

  it('copy the same UTF-16 units', () => {
    for (const { UnitsBuffer } of hosts) {
      const buffer = new UnitsBuffer(8);
      buffer.write('a\u00e9\ud83d\ude00\u4e2d');
      expect([...buffer.units]).toEqual([0x61, 0xe9, 0xd83d, 0xde00, 0x4e2d, 0, 0, 0]);
    }
  });

  it('turn the byte loop off only on Node, through TOKMETER_WASM=0', () => {
    expect(hostWeb.wasmTurnedOff()).toBe(false);
    expect(hostNode.wasmTurnedOff()).toBe(process.env['TOKMETER_WASM'] === '0');
  });

  it('file counting outside Node rejects with a TokmeterError that says what to do instead', async () => {
    await expect(filesWeb.countFile('README.md')).rejects.toMatchObject({
      code: 'UNSUPPORTED_RUNTIME',
      message: expect.stringMatching(/^tokmeter: countFile reads files with Node's file system.*pass it to countTokens/) as unknown,
    });
    await expect(filesWeb.countFiles(['README.md'])).rejects.toMatchObject({ code: 'UNSUPPORTED_RUNTIME' });
  });
});

describe('SHA-256 in plain JavaScript', () => {
  it('gives the FIPS 180-4 examples', () => {
    expect(sha256Hex(new Uint8Array())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const twoBlocks = new TextEncoder().encode('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq');
    expect(sha256Hex(twoBlocks)).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
    expect(sha256(twoBlocks).length).toBe(32);
  });

  it('equals node:crypto at every length around the block and padding boundaries', () => {
    const bytes = Uint8Array.from({ length: 300 }, (_, i) => (i * 151 + 7) & 0xff);
    for (let length = 0; length <= 300; length++) expect(sha256Hex(bytes.subarray(0, length))).toBe(sha256Node(bytes.subarray(0, length)));
  });

  fcTest.prop([fc.uint8Array({ maxLength: 5000 })], { numRuns: 300 })('equals node:crypto on random bytes', (bytes) => {
    expect(sha256Hex(bytes)).toBe(sha256Node(bytes));
    expect(hostWeb.sha256Hex(bytes)).toBe(hostNode.sha256Hex(bytes));
  });

  it('equals node:crypto on a rank file', () => {
    const bytes = rankDataNode.rankData('r50k_base').bytes!;
    expect(sha256Hex(bytes)).toBe(sha256Node(bytes));
  });
});

describe('base64 in plain JavaScript', () => {
  fcTest.prop([fc.uint8Array({ maxLength: 3000 })], { numRuns: 300 })('decodes what Buffer encodes, as Buffer decodes it', (bytes) => {
    const text = Buffer.from(bytes).toString('base64');
    expect(decodeBase64(text)).toEqual(new Uint8Array(bytes));
    expect(hostWeb.base64ToBytes(text)).toEqual(hostNode.base64ToBytes(text));
  });

  it('refuses text that is not base64, where Buffer decodes around it', () => {
    for (const bad of ['abc', 'ab=c', 'a===', '!!!!', 'YWJj\n', 'YW\u00e9j', 'YWJ\u0100', '====']) expect(decodeBase64(bad)).toBeNull();
    expect(decodeBase64('')).toEqual(new Uint8Array());
    expect(decodeBase64('YQ==')).toEqual(Uint8Array.of(0x61));
    expect(decodeBase64('YWI=')).toEqual(Uint8Array.of(0x61, 0x62));
  });
});
