/**
 * "did you mean …?" for a mistyped flag or command, as git and npm answer: the closest known
 * word within two edits (or one for short words), if there is exactly one best.
 */

/** The known word closest to `typed`, if close enough to be a typo. */
export function closest(typed: string, known: readonly string[]): string | undefined {
  const limit = typed.length <= 4 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = limit + 1;
  let tie = false;
  for (const word of known) {
    const distance = editDistance(typed, word);
    if (distance < bestDistance) [best, bestDistance, tie] = [word, distance, false];
    else if (distance === bestDistance) tie = true;
  }
  return best !== undefined && !tie ? best : undefined;
}

/** `did you mean --setup?`, or nothing when no known word is that close. */
export function didYouMean(typed: string, known: readonly string[], prefix = ''): string | undefined {
  const match = closest(typed, known);
  return match ? `did you mean ${prefix}${match}?` : undefined;
}

/** Levenshtein distance, an adjacent swap counting as one edit (Damerau's optimal string alignment). */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** `; did you mean latest?` after a `(got 'lates'` of a subcommand list, or nothing. */
export function gotHint(typed: string, known: readonly string[]): string {
  const hint = didYouMean(typed, known);
  return hint ? `; ${hint}` : '';
}

/** ` (text)`, or nothing. */
export function parenthesised(text: string | undefined): string {
  return text ? ` (${text})` : '';
}
