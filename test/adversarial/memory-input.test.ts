import { describe, expect, test } from 'vitest';
import { InvalidArgumentError } from '../../src/errors.js';
import { countParameters, estimateMemory, findModelPreset, formatBytes, formatMemoryEstimate, MODEL_PRESETS } from '../../src/memory/index.js';

/** Issue 24, items 7 and 10: what the memory functions do with input the types would refuse. */

/** The error `run` throws; fails the test when it returns or throws something that is not tokmeter's. */
function thrown(run: () => unknown): InvalidArgumentError {
  let result: unknown;
  try {
    result = run();
  } catch (error) {
    if (error instanceof InvalidArgumentError) return error;
    throw error;
  }
  throw new Error(`expected an InvalidArgumentError, got a result: ${JSON.stringify(result)?.slice(0, 200)}`);
}

const llama = findModelPreset('llama-2-7b')!;
const architecture = { layers: 2, hiddenSize: 64, intermediateSize: 256, attentionHeads: 4, kvHeads: 2, headDim: 16, vocabSize: 1000 };
const estimate = estimateMemory({ model: 'llama-2-7b', precision: 'bf16' });

describe('findModelPreset', () => {
  test.each([[42], [null], [undefined], [{}], [['llama-2-7b']]])('findModelPreset(%o) is an InvalidArgumentError naming name, not a TypeError', (name) => {
    const error = thrown(() => findModelPreset(name as never));
    expect(error.field).toBe('name');
    expect(error.code).toBe('INVALID_ARGUMENT');
  });

  test('an unknown name, or one that is an Object.prototype key, is undefined (documented)', () => {
    expect(findModelPreset('llama-17')).toBeUndefined();
    expect(findModelPreset('__proto__')).toBeUndefined();
    expect(findModelPreset('constructor')).toBeUndefined();
  });
});

describe('countParameters', () => {
  test.each([
    ['null', null, 'config'],
    ['a number', 42, 'config'],
    ['an array', [], 'config'],
    ['an empty object (NaN before)', {}, 'config.layers'],
    ['a size that is a string', { ...architecture, hiddenSize: '64' }, 'config.hiddenSize'],
    ['a size of NaN', { ...architecture, layers: Number.NaN }, 'config.layers'],
    ['a misspelt key', { ...architecture, hiddenSze: 64 }, 'config.hiddenSze'],
    ['a JSON "__proto__" key', JSON.parse(`{"__proto__": ${JSON.stringify(architecture)}}`) as unknown, 'config.__proto__'],
    ['an architecture on the prototype', Object.create(architecture) as unknown, 'config'],
    ['heads that do not divide', { ...architecture, kvHeads: 3 }, 'config.kvHeads'],
  ])('%s is an InvalidArgumentError naming its field', (_name, config, field) => {
    expect(thrown(() => countParameters(config as never)).field).toBe(field);
  });

  test('a misspelt key names the closest one', () => {
    expect(thrown(() => countParameters({ ...architecture, hiddenSze: 64 } as never)).message).toContain('did you mean hiddenSize?');
  });

  test('a count past 2^53 is refused, not rounded', () => {
    expect(thrown(() => countParameters({ ...architecture, hiddenSize: 1e15 })).field).toBe('config');
  });

  test('a preset, with its id, aliases and source, still counts', () => {
    for (const preset of MODEL_PRESETS) expect(Number.isSafeInteger(countParameters(preset))).toBe(true);
    const named = { ...architecture, name: 'x', parameters: 1 };
    expect(countParameters(architecture)).toBe(countParameters(named));
  });
});

describe('formatBytes', () => {
  test.each([
    ['a unit of TB', () => formatBytes(1024, 'TB' as never), 'unit'],
    ['a unit of null', () => formatBytes(1024, null as never), 'unit'],
    ['NaN bytes', () => formatBytes(Number.NaN), 'bytes'],
    ['Infinity bytes', () => formatBytes(Number.POSITIVE_INFINITY), 'bytes'],
    ['bytes as a string', () => formatBytes('1024' as never), 'bytes'],
    ['null bytes', () => formatBytes(null as never), 'bytes'],
  ])('%s is an InvalidArgumentError naming its field', (_name, run, field) => {
    expect(thrown(run).field).toBe(field);
  });

  test('formatBytes(1024, "TB") says which units there are and suggests the nearest', () => {
    expect(thrown(() => formatBytes(1024, 'TB' as never)).message).toBe('tokmeter: unit must be one of "GiB", "GB", got "TB". Did you mean "GB"?');
  });

  test('good calls are unchanged', () => {
    expect(formatBytes(77_492_787_200, 'GB')).toBe('77.49 GB');
    expect(formatBytes(2 ** 30)).toBe('1.00 GiB');
  });
});

describe('formatMemoryEstimate', () => {
  test.each([
    ['{}', {}, 'estimate.mode'],
    ['null', null, 'estimate'],
    ['a string', 'llama', 'estimate'],
    ['an array', [], 'estimate'],
    ['a NaN component', { ...estimate, breakdown: { ...estimate.breakdown, weights: Number.NaN } }, 'estimate.breakdown.weights'],
    ['no arithmetic', { ...estimate, arithmetic: undefined }, 'estimate.arithmetic'],
    ['an unknown mode', { ...estimate, mode: 'serving' }, 'estimate.mode'],
    ['a training estimate without its method', { ...estimate, mode: 'training', optimizer: 'adamw' }, 'estimate.method'],
  ])('an estimate that is %s is an InvalidArgumentError naming its field', (_name, input, field) => {
    expect(thrown(() => formatMemoryEstimate(input as never)).field).toBe(field);
  });

  test.each([
    ['a misspelt option', { units: 'GB' }, 'options.units'],
    ['an unknown unit', { unit: 'TB' }, 'options.unit'],
    ['null options', null, 'options'],
    ['a string for options', 'GB', 'options'],
  ])('%s is an InvalidArgumentError naming its field', (_name, options, field) => {
    expect(thrown(() => formatMemoryEstimate(estimate, options as never)).field).toBe(field);
  });

  test('an estimate read back from JSON formats as the original does', () => {
    expect(formatMemoryEstimate(JSON.parse(JSON.stringify(estimate)) as never, { unit: 'GB' })).toBe(formatMemoryEstimate(estimate, { unit: 'GB' }));
  });
});

describe('estimateMemory reads its options by the strict-options rule', () => {
  test.each([
    ['null', null, 'options'],
    ['a string', 'llama-2-7b', 'options'],
    ['an array', [], 'options'],
    ['options on the prototype', Object.create({ model: 'llama-2-7b', precision: 'bf16' }) as unknown, 'options'],
    ['a JSON "__proto__" key', JSON.parse('{"model": "llama-2-7b", "precision": "bf16", "__proto__": {"batch": 0}}') as unknown, 'options.__proto__'],
    ['a "__proto__" key inside lora', JSON.parse('{"model": "llama-2-7b", "precision": "bf16", "mode": "training", "method": "lora", "lora": {"__proto__": {"rank": 0}}}') as unknown, 'options.lora.__proto__'],
    ['a misspelt nested key', { model: 'llama-2-7b', precision: 'bf16', mode: 'training', method: 'lora', lora: { rnk: 8 } }, 'options.lora.rnk'],
  ])('%s is an InvalidArgumentError naming its field', (_name, options, field) => {
    expect(thrown(() => estimateMemory(options as never)).field).toBe(field);
  });
});

test('the example in countParameters\' documentation is what it returns', () => {
  expect(countParameters(llama)).toBe(6_738_415_616);
});
