/** A compose duration (`20s`, `1m30s`, `500ms`) in milliseconds. */
export function durationMs(value: string): number {
  const parts = [...value.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s|us)/g)];
  if (parts.length === 0 || parts.map((part) => part[0]).join('') !== value) throw new Error(`not a duration: ${value}`);
  const unit: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1_000, ms: 1, us: 0.001 };
  return parts.reduce((total, [, amount, suffix]) => total + Number(amount) * unit[suffix], 0);
}
