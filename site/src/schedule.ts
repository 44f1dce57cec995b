/**
 * When the page recounts. A short text is recounted on the next animation frame after each edit
 * (edits within one frame coalesce), so the counts follow the typing. A long one is recounted at
 * most once per `intervalMs`, measured from the end of the last recount: re-encoding a megabyte
 * takes tens of milliseconds, and doing that on every keystroke would make typing in it stutter.
 * A paste into an idle page is still counted on the next frame.
 */
export interface ScheduleOptions {
  /** Whether the text is long enough to throttle. */
  readonly isLarge: () => boolean;
  readonly intervalMs: number;
}

/** A function that asks for `run` to happen, at the pace above; calls while one is pending join it. */
export function createScheduler(run: () => void, options: ScheduleOptions): () => void {
  let pending = false;
  let lastEnd = Number.NEGATIVE_INFINITY;
  const onFrame = () => {
    try {
      run();
    } finally {
      pending = false;
      lastEnd = performance.now();
    }
  };
  return () => {
    if (pending) return;
    pending = true;
    const wait = options.isLarge() ? lastEnd + options.intervalMs - performance.now() : 0;
    if (wait > 0) setTimeout(() => requestAnimationFrame(onFrame), wait);
    else requestAnimationFrame(onFrame);
  };
}
