import { formatSize } from './format.js';
import type { ErrorStream } from './io.js';

/** Inputs at least this large get a progress bar (on a terminal); smaller ones finish too fast to need it. */
export const LARGE_INPUT_BYTES = 32 * 1024 * 1024;

const REDRAW_MS = 100;
const CLEAR_LINE = '\r\x1b[2K';

export interface Progress {
  /** `bytes` more of the input are counted. */
  advance(bytes: number): void;
  /** One more file is done. */
  fileDone(): void;
  /** Erases the bar. */
  finish(): void;
}

const SILENT: Progress = { advance() {}, fileDone() {}, finish() {} };

/** The bar's text for a given state, fitted to `columns`. */
export function renderProgress(done: { bytes: number; files: number }, total: { bytes: number; files: number }, columns: number): string {
  const share = total.bytes === 0 ? 1 : Math.min(1, done.bytes / total.bytes);
  const text = ` ${Math.floor(share * 100)
    .toString()
    .padStart(3)}%  ${done.files}/${total.files} files  ${formatSize(done.bytes)} of ${formatSize(total.bytes)}`;
  const barWidth = Math.max(10, Math.min(40, columns - text.length - 12));
  const filled = Math.round(share * barWidth);
  return `counting [${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}]${text}`.slice(0, Math.max(0, columns - 1));
}

/**
 * A progress bar on `stream` when it is a terminal and the input is large; otherwise a no-op, so
 * pipes and logs never see control characters.
 */
export function startProgress(stream: ErrorStream, total: { bytes: number; files: number }, now: () => number = Date.now): Progress {
  if (stream.isTTY !== true || total.bytes < LARGE_INPUT_BYTES) return SILENT;
  const done = { bytes: 0, files: 0 };
  let drawnAt = -Infinity;
  let drawn = false;
  const draw = (force: boolean) => {
    const time = now();
    if (!force && time - drawnAt < REDRAW_MS) return;
    drawnAt = time;
    drawn = true;
    stream.write(CLEAR_LINE + renderProgress(done, total, stream.columns ?? 80));
  };
  draw(true);
  return {
    advance(bytes) {
      done.bytes += bytes;
      draw(false);
    },
    fileDone() {
      done.files++;
      draw(false);
    },
    finish() {
      if (drawn) stream.write(CLEAR_LINE);
    },
  };
}
