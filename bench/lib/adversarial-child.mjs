// Child process for one adversarial input: forked with IPC as `adversarial-child.mjs <library> <file>`.
// It loads the library and warms it up, reads the input, says `ready`, then times a single count.
// The parent starts its timeout at `ready` and kills this process when it expires, so a quadratic
// merge costs the run at most the timeout.
import { readFileSync } from 'node:fs';
import { adapterByName } from '../adapters/index.mjs';

const [name, file] = process.argv.slice(2);
const lib = await adapterByName(name).load();
lib.count('warm up the tokenizer before the clock starts');
const text = readFileSync(file, 'utf8');
process.send({ state: 'ready' });
const start = performance.now();
const tokens = lib.count(text);
const ms = performance.now() - start;
process.send({ state: 'done', ms, tokens }, () => process.exit(0));
