/** DOMAIN.md: the best alternative is the single top Pugh scorer; none on a tie (or with no scores). */
export function bestAlternative(scores: Readonly<Record<string, number>>): string | null {
  let best: string | null = null;
  let top = -Infinity;
  let tied = false;
  for (const [alternativeId, score] of Object.entries(scores)) {
    if (score > top) {
      best = alternativeId;
      top = score;
      tied = false;
    } else if (score === top) {
      tied = true;
    }
  }
  return tied ? null : best;
}
