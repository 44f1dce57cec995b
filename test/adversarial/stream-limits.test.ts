import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { getEncoding, PieceTooLongError, UNCUT_LIMIT } from '../../src/index.js';
import { findSafeCutOffset, type CutSearchStats } from '../../src/parallel/file-cuts.js';
import { countFile } from '../../src/stream/count-file.js';
import { cutRulesFor } from '../../src/stream/cut-rules.js';
import { StreamCounter } from '../../src/stream/token-counter.js';

// Issue 24, item 2: a stretch with no safe cut used to be held whole, until V8 gave up with a plain
// RangeError (780 MiB into 1 GB of numbers) that countFile reported as FILE_UNREADABLE. Now the
// counters hold at most UNCUT_LIMIT characters with no cut, and past that throw a typed error that
// names the limit; under it, they count exactly.

const folder = mkdtempSync(join(tmpdir(), 'tokmeter-limits-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** A space run of `spaces` then "x": under r50k_base the only cut in it is before the last space. */
function spaceRun(spaces: number): string {
  return `${' '.repeat(spaces)}x`;
}

function feed(counter: StreamCounter, text: string): void {
  for (let at = 0; at < text.length; at += 65_536) counter.write(text.slice(at, at + 65_536));
}

describe('createTokenCounter', () => {
  it('counts a stretch of exactly UNCUT_LIMIT characters with no cut', () => {
    const text = spaceRun(UNCUT_LIMIT + 1);
    const counter = new StreamCounter(getEncoding('r50k_base'));
    feed(counter, text);
    expect(counter.end()).toBe(getEncoding('r50k_base').count(text));
  });

  it('throws PieceTooLongError naming the limit for one character more, having held no more than the limit and a read', () => {
    const counter = new StreamCounter(getEncoding('r50k_base'));
    let error: unknown;
    try {
      feed(counter, spaceRun(UNCUT_LIMIT + 2));
      counter.end();
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PieceTooLongError);
    expect(error).toMatchObject({ code: 'PIECE_TOO_LONG', limit: UNCUT_LIMIT, place: { kind: 'text', character: 0 } });
    expect((error as Error).message).toMatch(/^tokmeter: the text from character 0 on has more than 4,194,304 characters in a row \(the streaming limit, UNCUT_LIMIT\)/);
    expect(counter.mostHeld).toBeLessThanOrEqual(UNCUT_LIMIT + 2 * 65_536);
  });

  it('throws it for one long run of line breaks under every pattern, never a RangeError', () => {
    for (const name of ['r50k_base', 'cl100k_base', 'o200k_base'] as const) {
      const counter = new StreamCounter(getEncoding(name));
      expect(() => {
        feed(counter, `ok ${'\n'.repeat(UNCUT_LIMIT + 10)}`);
        counter.end();
      }).toThrow(PieceTooLongError);
    }
  });
});

describe('files', () => {
  it('countFile reports a stretch over the limit as PIECE_TOO_LONG with the path, not as FILE_UNREADABLE', async () => {
    const path = join(folder, 'spaces.txt');
    writeFileSync(path, spaceRun(UNCUT_LIMIT + 2));
    await expect(countFile(path, { encoding: 'r50k_base' })).rejects.toMatchObject({
      name: 'PieceTooLongError',
      code: 'PIECE_TOO_LONG',
      place: { kind: 'file', path },
      message: expect.stringContaining(`${path}, around byte`),
    });
  });

  it('the cut search refuses a stretch over the limit after reading about the limit past its offset', () => {
    const path = join(folder, 'long-run.txt');
    const size = 2 * UNCUT_LIMIT;
    writeFileSync(path, `a${' '.repeat(size - 2)}b`);
    const stats: CutSearchStats = { bytesRead: 0 };
    expect(() => findSafeCutOffset(path, UNCUT_LIMIT / 4, size, cutRulesFor(getEncoding('o200k_base')), stats)).toThrow(PieceTooLongError);
    // Back to the run's start, forwards to the offset, then the limit: not to the end of the file.
    expect(stats.bytesRead).toBeLessThanOrEqual(UNCUT_LIMIT / 2 + UNCUT_LIMIT + 4 * 65_536);
  });
});
