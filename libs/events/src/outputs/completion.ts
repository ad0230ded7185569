import type { ComponentType } from './domain-vocabulary';
import type { AlternativesOutput, ComponentOutput, ConsequencesOutput, DecisionQualityOutput, ObjectivesOutput } from './component-output';
import { cellKey } from './consequences.output';
import { DQ_ELEMENT_NAMES } from './decision-quality.output';

/**
 * What each component's output needs before the component may complete (DOMAIN.md "Components"): session-cycle
 * refuses completion on it, and the facilitator asks about it before proposing an output. The output is already
 * schema-valid, so these look only at counts and references. Empty when complete is allowed.
 */
export const COMPLETION_RULES: Record<ComponentType, (output: ComponentOutput | null) => string[]> = {
  issue_raising: () => [],
  problem_frame: () => [],
  objectives: (output) => {
    const objectives = output as ObjectivesOutput | null;
    return (objectives?.fundamental_objectives.length ?? 0) >= 1 ? [] : ['at least 1 fundamental objective is needed'];
  },
  alternatives: (output) => {
    const alternatives = output as AlternativesOutput | null;
    const problems: string[] = [];
    const list = alternatives?.alternatives ?? [];
    if (list.length < 2) problems.push('at least 2 alternatives are needed');
    if (!alternatives?.status_quo_id || !list.some((a) => a.id === alternatives.status_quo_id)) {
      problems.push('status_quo_id must name one of the alternatives');
    }
    return problems;
  },
  consequences: (output) => {
    const table = output as ConsequencesOutput | null;
    if (!table || table.alternative_ids.length === 0 || table.objective_ids.length === 0) {
      return ['the table needs at least 1 alternative and 1 objective'];
    }
    // Named by position in the two lists, never by the ids the client chose (README "Security").
    const missing = table.alternative_ids.flatMap((a, i) =>
      table.objective_ids.flatMap((o, j) => (cellKey(a, o) in table.cells ? [] : [`alternative_ids[${i}] x objective_ids[${j}]`])),
    );
    return missing.length ? [`a cell is needed for every alternative x objective; missing: ${missing.slice(0, 20).join(', ')}${missing.length > 20 ? ', ...' : ''}`] : [];
  },
  tradeoffs: () => [],
  recommendation: () => [],
  decision_quality: (output) => {
    const dq = output as DecisionQualityOutput | null;
    const names = new Set(dq?.elements.map((e) => e.name) ?? []);
    const missing = DQ_ELEMENT_NAMES.filter((name) => !names.has(name));
    return missing.length || (dq?.elements.length ?? 0) !== DQ_ELEMENT_NAMES.length ? [`exactly the 7 DQ elements are needed; missing: ${missing.join(', ')}`] : [];
  },
  notes_next_steps: () => [],
};

export function completionGaps(type: ComponentType, output: ComponentOutput | null): string[] {
  return COMPLETION_RULES[type](output);
}
