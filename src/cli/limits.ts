import type { ContextCheck } from '../pricing/index.js';
import { groupDigits } from './format.js';

export const LIMIT_NAMES = {
  maxInputTokens: 'max input',
  maxOutputTokens: 'max output',
  contextWindow: 'context window',
} as const;

/** `no: 12,000 over max input (128,000)`, the short form for a table cell, or `yes`. */
export function fitsCell(check: ContextCheck): string {
  if (check.fits) return 'yes';
  return `no: ${groupDigits(check.overBy)} over ${LIMIT_NAMES[check.limit]} (${groupDigits(check[check.limit])})`;
}

export function limitName(check: ContextCheck & { fits: false }): string {
  return LIMIT_NAMES[check.limit];
}
