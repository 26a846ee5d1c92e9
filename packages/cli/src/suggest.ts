/** Returns the Levenshtein edit distance between two strings. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * Returns the candidate closest to `value`: an exact match ignoring case
 * first, else the nearest by edit distance within a third of its length.
 *
 * @example
 * ```ts
 * closestMatch('leads', ['Leads', 'Contacts']); // 'Leads'
 * ```
 */
export function closestMatch(
  value: string,
  candidates: readonly string[],
): string | undefined {
  const lower = value.toLowerCase();
  const sameCase = candidates.find((name) => name.toLowerCase() === lower);
  if (sameCase) return sameCase;
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.ceil(value.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
