/**
 * Tool requests with the `prompt_tokens` the OpenAI API reported for them
 * (test/fixtures/reference/tool-api-counts.json, gathered in docs/tool-rendering.md): one case per
 * schema feature, each with where it was observed (a repository file at a commit, with its lines
 * and licence, or a public thread). Every case is exact, or a known difference whose delta this
 * test asserts and the README lists, so a change that fixes or breaks one is noticed.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { countChatTokens } from '../../src/chat/index.js';
import type { ChatRequest } from '../../src/chat/types.js';

interface ToolCase extends ChatRequest {
  id: string;
  feature: string;
  source: { repo?: string; path?: string; commit?: string; lines?: string; licence?: string; url?: string; date?: string };
  observed_model: string;
  observed_prompt_tokens: number;
  known_difference?: { delta: number; reason: string };
}

const cases = JSON.parse(readFileSync(new URL('../fixtures/reference/tool-api-counts.json', import.meta.url), 'utf8')) as ToolCase[];
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const knownDifferences = readme.slice(readme.indexOf('### Known differences'), readme.indexOf('## Pricing and limits'));

const result = (c: ToolCase) => {
  const { id: _i, feature: _f, source: _s, observed_model: _m, observed_prompt_tokens: _o, known_difference: _k, ...request } = c;
  return countChatTokens(request);
};
const count = (c: ToolCase): number => result(c).total;

/** The cases whose rule is fitted to counts rather than known (gpt-5 and o3-mini tools, gpt-5 calls): marked approximate. */
const FITTED = [
  'pydantic-ai-gpt-5-mini-tools',
  'crewai-o3-mini-tools',
  'crewai-gpt-5-nano-tools-system',
  'pydantic-ai-gpt-5-mini-named-tool-choice',
  'pydantic-ai-gpt-5-mini-tool-call',
  'crewai-gpt-5-nano-parallel-calls',
  'crewai-o3-mini-tool-call',
  'pydantic-ai-gpt-5-mini-empty-description',
];

describe('tool-api-counts.json', () => {
  test('holds the 63 cases, each with its source and the feature it exercises', () => {
    expect(cases).toHaveLength(63);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    for (const c of cases) {
      expect(c.feature.length, c.id).toBeGreaterThan(0);
      expect(c.source.url !== undefined || (c.source.repo !== undefined && /^[0-9a-f]{40}$/.test(c.source.commit ?? '') && c.source.lines !== undefined), c.id).toBe(true);
    }
  });

  const exact = cases.filter((c) => c.known_difference === undefined);
  const known = cases.filter((c) => c.known_difference !== undefined);

  test.each(exact.map((c) => [c.id, c] as const))('%s is exact', (_id, c) => {
    expect(count(c)).toBe(c.observed_prompt_tokens);
  });

  test.each(known.map((c) => [c.id, c] as const))('%s differs by its listed delta, and the README lists it', (_id, c) => {
    const delta = c.known_difference!.delta;
    expect(count(c) - c.observed_prompt_tokens).toBe(delta);
    expect(knownDifferences).toContain(`\`${c.id}\` (${delta > 0 ? '+' : ''}${delta})`);
  });

  test('60 exact, 3 known differences', () => {
    expect([exact.length, known.length]).toEqual([60, 3]);
  });

  test('approximate exactly where the rule is fitted', () => {
    for (const c of cases) expect(result(c).approximate, c.id).toBe(FITTED.includes(c.id));
  });

  test('each copied count names the licence of the repository it was copied from', () => {
    for (const c of cases.filter((c) => c.source.repo !== undefined)) {
      expect(c.source.licence, c.id).toMatch(/^(MIT|Apache-2\.0)$/);
    }
  });
});
