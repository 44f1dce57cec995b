/** Edit distance between two short strings (Levenshtein, two rows). */
function editDistance(a: string, b: string): number {
  let previous = new Array<number>(b.length + 1);
  let current = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1);
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length]!;
}

/** Names longer than this get no suggestions: no known name is near them, and the distance costs length × names. */
export const LONGEST_SUGGESTED_NAME = 200;

/**
 * The known names closest to `name`, best first: names that contain it or that it starts with come
 * first, then names within an edit distance of a third of the longer length.
 */
export function suggestNames(name: string, known: Iterable<string>, max = 3): string[] {
  if (name.length > LONGEST_SUGGESTED_NAME) return [];
  const query = name.toLowerCase();
  const scored: { name: string; score: number }[] = [];
  for (const candidate of known) {
    const lower = candidate.toLowerCase();
    const distance = editDistance(query, lower);
    const related = lower.startsWith(query) || query.startsWith(lower) || lower.includes(query);
    const limit = Math.max(2, Math.ceil(Math.max(query.length, lower.length) / 3));
    if (related || distance <= limit) scored.push({ name: candidate, score: related ? distance / 4 : distance });
  }
  scored.sort((x, y) => x.score - y.score || x.name.localeCompare(y.name));
  return scored.slice(0, max).map((s) => s.name);
}
