import type { CycleContext } from '../../../application/cycle-context';
import { entriesFor, listOf, resolveRef, slot, withJson, type Extractor } from '../extraction-kit';

const DOMINATED = /^(.+?)\s+(?:is\s+)?(?:dominated\s+)?by\s+(.+?)(?:\s*(?::|,|\s-\s|\sbecause\s)\s*(.+))?$/i;
const IRRELEVANT = /^(.+?)(?:\s*(?::|\s-\s|\sbecause\s)\s*(.+))?$/i;
const TENSION = /^(.+?)\s*:?\s+gains\s+(.+?)(?:[,;]?\s*(?:and\s+|but\s+)?loses\s+(.+))?$/i;

function ids(labels: string | undefined, refs: Array<{ id: string; label: string }>): string[] {
  return (labels ?? '').split(/\s*(?:,|\band\b)\s*/).filter((l) => l !== '').map((label) => resolveRef(label, refs) ?? label.trim());
}

const alternativeRefs = (context: CycleContext) => context.alternatives.map((a) => ({ id: a.id, label: a.name }));
const objectiveRefs = (context: CycleContext) => context.objectives.map((o) => ({ id: o.id, label: o.description }));

export const tradeoffsExtractor: Extractor = {
  initial: () => ({ dominated_alternatives: [], irrelevant_objectives: [], tensions: [] }),
  apply(candidate, message, focus, context) {
    const out = withJson(candidate, message);
    const alts = alternativeRefs(context);
    const objs = objectiveRefs(context);
    const dominated = entriesFor(message, ['dominated', 'dominated alternatives'], focus === 'dominated_alternatives').flatMap((entry) => {
      const m = DOMINATED.exec(entry);
      if (!m) return [];
      const [alternative, by] = [ids(m[1], alts)[0], ids(m[2], alts)[0]];
      return [{ alternative_id: alternative, dominated_by_id: by, explanation: m[3]?.trim() || `${m[1].trim()} is nowhere better than ${m[2].trim()}` }];
    });
    const irrelevant = entriesFor(message, ['irrelevant', 'irrelevant objectives'], focus === 'irrelevant_objectives').flatMap((entry) => {
      const m = IRRELEVANT.exec(entry);
      return m ? [{ objective_id: ids(m[1], objs)[0], reason: m[2]?.trim() || 'every alternative does the same on it' }] : [];
    });
    const tensions = entriesFor(message, ['tensions', 'tension', 'tradeoffs'], focus === 'tensions').flatMap((entry) => {
      const m = TENSION.exec(entry);
      return m ? [{ alternative_id: ids(m[1], alts)[0], gains: ids(m[2], objs), losses: ids(m[3], objs) }] : [];
    });
    return {
      ...out,
      dominated_alternatives: [...listOf(out, 'dominated_alternatives'), ...dominated],
      irrelevant_objectives: [...listOf(out, 'irrelevant_objectives'), ...irrelevant],
      tensions: [...listOf(out, 'tensions'), ...tensions],
    };
  },
  slots: [
    slot('dominated_alternatives', false, 'Is any alternative dominated, no better than another on every objective? E.g. "- Stay by Move to Lisbon: worse on both". Say "none" if not.'),
    slot('irrelevant_objectives', false, 'Is any objective irrelevant because every alternative does the same on it? E.g. "- Career growth: all equal".'),
    slot('tensions', false, 'What does each alternative gain and give up? E.g. "- Move to Lisbon gains Career growth, loses Lower monthly costs".'),
  ],
};
