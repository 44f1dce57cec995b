import { execFileSync } from 'node:child_process';

/**
 * The headless Chromium the browser tests drive: Debian's `chromium` (which .ci/run installs with
 * apt-get) or `chromium-browser`, found on PATH; null where there is none.
 */
export function findChromium(): string | null {
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || null;
    } catch {
      // not on PATH
    }
  }
  return null;
}
