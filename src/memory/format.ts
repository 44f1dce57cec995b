import { describeValue } from '../describe.js';
import { InvalidArgumentError } from '../errors.js';
import { ownCopy, readOptions } from '../options.js';
import { suggestNames } from '../suggest.js';
import { invalidArgument, mustBeOneOf, parseOrThrow } from '../validation.js';
import { GB, GIB, groupDigits } from './bytes.js';
import { estimateSchema } from './estimate-schema.js';
import { MEMORY_COMPONENTS, type MemoryComponent } from './component.js';
import type { MemoryEstimate } from './estimate.js';
import { optimizerLabel } from './optimizer.js';

/** `GiB` = 2^30 bytes (what nvidia-smi and the seed's "GB" mean); `GB` = 10^9 bytes (what vendors print). */
export type MemoryUnit = 'GiB' | 'GB';

const UNIT_BYTES: Readonly<Record<MemoryUnit, number>> = { GiB: GIB, GB };

const LABELS: Readonly<Record<MemoryComponent, string>> = {
  weights: 'weights',
  kvCache: 'KV cache',
  activations: 'activations',
  gradients: 'gradients',
  optimizer: 'optimizer',
  overhead: 'overhead',
};

const METHOD_LABELS = { full: 'full fine-tuning', lora: 'LoRA', qlora: 'QLoRA' } as const;

const UNITS = Object.keys(UNIT_BYTES) as MemoryUnit[];

/** `unit` if it is one of the units, else an `InvalidArgumentError` naming `field`. */
function checkUnit(unit: unknown, field: string): MemoryUnit {
  if (typeof unit === 'string' && Object.hasOwn(UNIT_BYTES, unit)) return unit as MemoryUnit;
  const [suggestion] = typeof unit === 'string' ? suggestNames(unit, UNITS, 1) : [];
  throw new InvalidArgumentError(field, `${mustBeOneOf(UNITS)}, got ${describeValue(unit)}.${suggestion === undefined ? '' : ` Did you mean "${suggestion}"?`}`);
}

/**
 * `77492787200, 'GB'` → `77.49 GB`. Two decimals, rounded to nearest. `bytes` must be a finite
 * number and `unit` `'GiB'` or `'GB'`; anything else is an `InvalidArgumentError` naming it.
 */
export function formatBytes(bytes: number, unit: MemoryUnit = 'GiB'): string {
  if (typeof bytes !== 'number' || !Number.isFinite(bytes)) {
    throw new InvalidArgumentError('bytes', `must be a finite number of bytes, got ${describeValue(bytes)}.`);
  }
  const checked = checkUnit(unit, 'unit');
  return `${(bytes / UNIT_BYTES[checked]).toFixed(2)} ${checked}`;
}

function headline(estimate: MemoryEstimate): string {
  const parts = [estimate.model, estimate.mode];
  if (estimate.mode === 'training') parts.push(METHOD_LABELS[estimate.method], optimizerLabel(estimate.optimizer));
  parts.push(
    estimate.precision,
    `batch ${groupDigits(estimate.batch)}`,
    `context ${groupDigits(estimate.contextLength)}`,
    `${estimate.assumptions} assumptions`,
  );
  return parts.join(' · ');
}

function placementLine(estimate: MemoryEstimate, unit: MemoryUnit): string {
  const { placement } = estimate;
  if (placement.fits) {
    const fits = estimate.fitsOn.map((fit) => `${fit.gpu.name} (${formatBytes(fit.headroom, unit)} free)`);
    return `Fits on one ${fits.join(', ')}.`;
  }
  return (
    `No single GPU listed holds it: it needs at least ${placement.count} × ${placement.gpu.name} ` +
    `(${formatBytes(placement.gpu.bytes, unit)} each), counting the per-GPU overhead once per GPU.`
  );
}

/**
 * The estimate as a plain-text table, one row per component with its size in `unit` and the
 * arithmetic behind it, then the total, where it fits and the notes. Meant to be printed as it is.
 * `estimate` is checked first (an estimate read back from JSON works); a missing or mistyped field
 * is an `InvalidArgumentError` naming it (`estimate.breakdown.weights`), as is an unknown unit.
 *
 * @example
 * console.log(formatMemoryEstimate(estimateMemory({ model: 'llama-3.1-8b', precision: 'bf16' }), { unit: 'GB' }));
 */
export function formatMemoryEstimate(input: MemoryEstimate, options?: { unit?: MemoryUnit }): string {
  const { unit: given } = readOptions(options, ['unit'], 'formatMemoryEstimate');
  const unit = given === undefined ? 'GiB' : checkUnit(given, 'options.unit');
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new InvalidArgumentError('estimate', `must be an estimate from estimateMemory, got ${describeValue(input)}.`);
  }
  const estimate = parseOrThrow(estimateSchema(), ownCopy(input, { root: 'estimate' }), { root: 'estimate', error: invalidArgument }) as unknown as MemoryEstimate;
  const number = (bytes: number): string => (bytes / UNIT_BYTES[unit]).toFixed(2);
  const rows: [string, string, string][] = [['component', unit, 'arithmetic']];
  for (const component of MEMORY_COMPONENTS) {
    rows.push([LABELS[component], number(estimate.breakdown[component]), estimate.arithmetic[component]]);
  }
  rows.push(['total', number(estimate.total), `${groupDigits(estimate.total)} bytes`]);
  const labelWidth = Math.max(...rows.map((row) => row[0].length));
  const numberWidth = Math.max(...rows.map((row) => row[1].length));
  const table = rows.map(([label, value, how]) => `${label.padEnd(labelWidth)}  ${value.padStart(numberWidth)}  ${how}`);
  const unitNote =
    unit === 'GiB'
      ? 'GiB = 2^30 bytes. GPU sizes are the vendor\'s "GB" read as 10^9 bytes, a little under what the cards expose.'
      : 'GB = 10^9 bytes. GPU sizes are the vendor\'s "GB" read as 10^9 bytes, a little under what the cards expose.';
  return [headline(estimate), '', ...table, '', placementLine(estimate, unit), ...estimate.notes, unitNote].join('\n');
}
