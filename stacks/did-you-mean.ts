import { distance } from 'fastest-levenshtein';

/**
 * The candidate nearest to `word`, if it is near enough to be a likely typo: at most a third
 * of the word's length away (and at least 2 edits allowed). Ties go to the earlier candidate.
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const limit = Math.max(2, Math.floor(word.length / 3));
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const edits = distance(word, candidate);
    if (edits <= limit && (best === undefined || edits < best.distance)) best = { candidate, distance: edits };
  }
  return best?.candidate;
}
