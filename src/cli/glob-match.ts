import { inClass, type Step } from './glob-pattern.js';

/**
 * Runs compiled glob steps over a `/`-separated path.
 *
 * Why not a regular expression (or a library that builds one, such as picomatch or ignore): a
 * pattern such as `dir/*****c`, `*a*a*a*b` or `x/**\/**\/**\/b` turns into a regular expression that
 * backtracks polynomially, or worse, on a long name that does not match (17 s for one 201-character
 * name; picomatch 4.0.7 does not finish `*a` × 40 + `b` against 60 characters, ignore 7.0.17 not
 * `x/` + `**\/` × 30 + `b` against ten folders). Here the pattern is walked once, keeping the set of
 * path positions reachable so far (a Thompson-style simulation): time is at most steps × path
 * length, whatever the pattern, and the two position buffers are reused from call to call.
 *
 * `dotsNamed` is the shell rule for hidden entries: a segment that starts with `.` is matched only
 * by a literal `.` in the pattern, never by `*`, `?`, a class or `**` (so `**\/*.md` leaves
 * `.github/` alone and `.github/*.md` reaches into it). Ignore files do not have the rule.
 */
export class GlobProgram {
  readonly #steps: readonly Step[];
  readonly #dotsNamed: boolean;
  #reach = new Uint8Array(64);
  #next = new Uint8Array(64);

  constructor(steps: readonly Step[], options: { dotsNamed: boolean }) {
    this.#steps = steps;
    this.#dotsNamed = options.dotsNamed;
  }

  /** Whether the whole of `path` matches. */
  test(path: string): boolean {
    const n = path.length;
    if (this.#reach.length < n + 1) {
      this.#reach = new Uint8Array(2 * (n + 1));
      this.#next = new Uint8Array(2 * (n + 1));
    }
    let reach = this.#reach;
    let next = this.#next;
    reach.fill(0, 0, n + 1);
    reach[0] = 1;
    const dots = this.#dotsNamed;
    /** Whether `path[j]` is a `.` that starts a segment, which only a literal `.` may match under the shell rule. */
    const hiddenAt = (j: number) => dots && path.charCodeAt(j) === 46 && (j === 0 || path.charCodeAt(j - 1) === 47);
    for (const step of this.#steps) {
      next.fill(0, 0, n + 1);
      switch (step.kind) {
        case 'char':
          for (let j = 0; j < n; j++) if (reach[j] === 1 && path[j] === step.char) next[j + 1] = 1;
          break;
        case 'any':
        case 'class':
          for (let j = 0; j < n; j++) {
            if (reach[j] === 0 || path.charCodeAt(j) === 47 || hiddenAt(j)) continue;
            if (step.kind === 'any' || inClass(step, path[j]!)) next[j + 1] = 1;
          }
          break;
        case 'star':
          // Anything within the segment: from each reachable position, on until a '/'.
          for (let j = 0; j <= n; j++) {
            if (reach[j] === 1 || (j > 0 && next[j - 1] === 1 && path.charCodeAt(j - 1) !== 47 && !hiddenAt(j - 1))) next[j] = 1;
          }
          break;
        case 'segments': {
          // Zero or more whole segments: a reachable position, or one just past a '/' after it.
          let alive = false;
          for (let j = 0; j <= n; j++) {
            if (reach[j] === 1) alive = true;
            if (reach[j] === 1 || (alive && j > 0 && path.charCodeAt(j - 1) === 47)) next[j] = 1;
            if (hiddenAt(j)) alive = false;
          }
          break;
        }
        case 'rest': {
          let alive = false;
          for (let j = 0; j <= n; j++) {
            if (reach[j] === 1) alive = true;
            if (alive) next[j] = 1;
            if (hiddenAt(j)) alive = false;
          }
          break;
        }
      }
      let any = false;
      for (let j = 0; j <= n && !any; j++) any = next[j] === 1;
      if (!any) return false;
      [reach, next] = [next, reach];
    }
    return reach[n] === 1;
  }
}
