import { InvalidAnalysisInputError } from '../domain/analysis-error';
import type { DqElement } from '../domain/dq/dq-assessment';
import { ConsequencesTable, RatedCell } from '../domain/pugh/consequences-table';

/*
 * From a component.completed `output` (DOMAIN.md "Component outputs") to the domain's inputs. The catalog checks
 * only that `output` is an object, so the shape is checked here; the domain then checks its own rules. Errors name
 * fields, never values: the output is the user's.
 */

type Json = Record<string, unknown>;

export function toConsequencesTable(output: Json): ConsequencesTable {
  const alternatives = stringList(output.alternative_ids, 'alternative_ids');
  const objectives = stringList(output.objective_ids, 'objective_ids');
  const cells = output.cells;
  if (!isObject(cells)) throw new InvalidAnalysisInputError('cells', 'must be an object of "alternative_id:objective_id" keys');
  const rated: RatedCell[] = Object.entries(cells).map(([key, cell]) => {
    const parts = key.split(':');
    if (parts.length !== 2) throw new InvalidAnalysisInputError('cells', 'a key is not "alternative_id:objective_id"');
    if (!isObject(cell) || typeof cell.rating !== 'number') throw new InvalidAnalysisInputError('cells', 'a cell has no numeric rating');
    return { alternativeId: parts[0], objectiveId: parts[1], rating: cell.rating };
  });
  return ConsequencesTable.of(alternatives, objectives, rated);
}

export function toDqElements(output: Json): DqElement[] {
  const elements = output.elements;
  if (!Array.isArray(elements)) throw new InvalidAnalysisInputError('elements', 'must be a list');
  return elements.map((element: unknown) => {
    if (!isObject(element) || typeof element.name !== 'string' || typeof element.score !== 'number') {
      throw new InvalidAnalysisInputError('elements', 'an element needs a name and a numeric score');
    }
    return { name: element.name, score: element.score };
  });
}

function stringList(value: unknown, field: string): string[] {
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) throw new InvalidAnalysisInputError(field, 'must be a list of ids');
  return value as string[];
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
