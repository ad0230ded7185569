import type { ConsequencesOutput, DecisionQualityOutput } from '@choice-sherpa/events/outputs';
import { InvalidAnalysisInputError } from '../domain/analysis-error';
import type { DqElement } from '../domain/dq/dq-assessment';
import { ConsequencesTable, RatedCell } from '../domain/pugh/consequences-table';

/*
 * From a component.completed `output` to the domain's inputs. The catalog has validated the output against the
 * component's schema (libs/events/outputs) before any handler sees it, except that `{}` stands for "none written",
 * which a completed consequences or decision_quality never is (their completion rules need a table / the seven
 * elements); such an output is refused here rather than analysed as empty. The domain then checks its own rules.
 */

export function toConsequencesTable(output: Record<string, unknown>): ConsequencesTable {
  if (!('cells' in output)) throw new InvalidAnalysisInputError('output', 'no consequences table was written');
  const table = output as ConsequencesOutput;
  const cells: RatedCell[] = Object.entries(table.cells).map(([key, cell]) => {
    const [alternativeId, objectiveId] = key.split(':');
    return { alternativeId, objectiveId, rating: cell.rating };
  });
  // lists the schema defaults when absent may be missing from the raw payload
  return ConsequencesTable.of(table.alternative_ids ?? [], table.objective_ids ?? [], cells);
}

export function toDqElements(output: Record<string, unknown>): DqElement[] {
  if (!('elements' in output)) throw new InvalidAnalysisInputError('output', 'no decision quality elements were written');
  return (output as DecisionQualityOutput).elements.map(({ name, score }) => ({ name, score }));
}
