// Parent side of the figures that need a fresh process: cold start, fresh text and the adversarial inputs.
import { execFile, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const coldStartChild = fileURLToPath(new URL('./cold-start-child.mjs', import.meta.url));
const freshChild = fileURLToPath(new URL('./fresh-child.mjs', import.meta.url));
const adversarialChild = fileURLToPath(new URL('./adversarial-child.mjs', import.meta.url));

/** One cold start of `name` (or `none`) in a new Node process. */
export function runColdStart(name) {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--expose-gc', coldStartChild, name], { timeout: 120_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`cold start of ${name} failed: ${stderr.trim() || error.message}`));
      else resolve(JSON.parse(stdout.trim().split('\n').pop()));
    });
  });
}

/**
 * One fresh-text sample of `name` on `corpus` in a new Node process: load, count the warm-up slice,
 * then time one count of each document of the measured slice (see fresh-child.mjs).
 */
export function runFresh(name, corpus) {
  return new Promise((resolve, reject) => {
    const timeout = 120_000;
    execFile(process.execPath, ['--expose-gc', freshChild, name, corpus], { timeout }, (error, stdout, stderr) => {
      const reason = error?.killed ? `no result within ${timeout / 1000} s` : stderr.trim() || error?.message;
      if (error) reject(new Error(`fresh-text run of ${name} on ${corpus} failed: ${reason}`));
      else resolve(JSON.parse(stdout.trim().split('\n').pop()));
    });
  });
}

/**
 * Count one adversarial input with `name` in a forked process. Resolves to
 * `{ state: 'done', ms, tokens }`, `{ state: 'timeout', timeoutMs }` or `{ state: 'error', message, afterMs }`.
 * The timeout starts when the child has loaded its library and read the input.
 */
export function runAdversarial(name, file, timeoutMs) {
  return new Promise((resolve) => {
    const child = fork(adversarialChild, [name, file], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let stderr = '';
    let timer = null;
    let settled = false;
    const settle = (result) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('message', (message) => {
      if (message.state === 'ready') {
        timer = setTimeout(() => {
          child.kill('SIGKILL');
          settle({ state: 'timeout', timeoutMs });
        }, timeoutMs);
      } else if (message.state === 'done') settle({ state: 'done', ms: message.ms, tokens: message.tokens });
    });
    let readyAt = 0;
    child.on('message', (message) => {
      if (message.state === 'ready') readyAt = performance.now();
    });
    child.on('exit', (code, signal) => {
      const lastLine = stderr.trim().split('\n').filter((l) => /Error|error/.test(l)).pop();
      const afterMs = readyAt ? performance.now() - readyAt : null;
      settle({ state: 'error', message: lastLine ?? `exited with ${signal ?? code}`, afterMs });
    });
  });
}
