import { formatSize, groupDigits } from './format.js';
import type { ErrorStream } from './io.js';

/** Inputs at least this large get a progress bar (on a terminal); smaller ones finish too fast to need it. */
export const LARGE_INPUT_BYTES = 32 * 1024 * 1024;

const REDRAW_MS = 100;
const CLEAR_LINE = '\r\x1b[2K';

export interface Progress {
  /** `bytes` more of the input are counted. */
  advance(bytes: number): void;
  /** Erases the bar. */
  finish(): void;
}

const SILENT: Progress = { advance() {}, finish() {} };

/** The bar's text for a given state, fitted to `columns`. */
export function renderProgress(doneBytes: number, total: { bytes: number; files: number }, columns: number): string {
  const share = total.bytes === 0 ? 1 : Math.min(1, doneBytes / total.bytes);
  const files = `${groupDigits(total.files)} ${total.files === 1 ? 'file' : 'files'}`;
  const text = ` ${Math.floor(share * 100)
    .toString()
    .padStart(3)}%  ${formatSize(doneBytes)} of ${formatSize(total.bytes)} in ${files}`;
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
  let done = 0;
  let drawnAt = -Infinity;
  let drawn = false;
  const draw = (force: boolean) => {
    const time = now();
    if (!force && time - drawnAt < REDRAW_MS) return;
    drawnAt = time;
    drawn = true;
    // A pseudo-terminal without a size reports 0 columns.
    const columns = stream.columns !== undefined && stream.columns > 0 ? stream.columns : 80;
    stream.write(CLEAR_LINE + renderProgress(done, total, columns));
  };
  draw(true);
  return {
    advance(bytes) {
      done += bytes;
      draw(false);
    },
    finish() {
      if (drawn) stream.write(CLEAR_LINE);
    },
  };
}
