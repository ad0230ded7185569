const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** `cycle:<uuid>`: an aggregate key (the read models' per-aggregate positions). */
const PREFIXED_UUID = /^([a-z_-]+):([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A read model's JSON with what legitimately differs between two runs of the same journey replaced: ids become
 * `<id:n>` in order of first appearance (keys visited sorted), times become `<time>`. Two runs that built the same
 * read model normalize to the same value; any other difference (a status, a count, an output, a missing row) stays.
 */
export function normalizeRun(value: unknown): unknown {
  const ids = new Map<string, string>();
  const visit = (node: unknown): unknown => {
    if (typeof node === 'string') {
      if (UUID.test(node)) {
        if (!ids.has(node)) ids.set(node, `<id:${ids.size + 1}>`);
        return ids.get(node);
      }
      const prefixed = PREFIXED_UUID.exec(node);
      if (prefixed) return `${prefixed[1]}:${visit(prefixed[2]) as string}`;
      return TIMESTAMP.test(node) ? '<time>' : node;
    }
    if (Array.isArray(node)) return node.map(visit);
    if (node && typeof node === 'object') {
      return Object.fromEntries(
        Object.keys(node)
          .sort()
          .map((key) => [UUID.test(key) ? visit(key) : key, visit((node as Record<string, unknown>)[key])] as [string, unknown]),
      );
    }
    return node;
  };
  return visit(value);
}
