import { ConsequencesTable, RatedCell } from '../consequences-table';

/** A table from rows written as in a spreadsheet: `{ stay: { cost: 0, career: 1 } }`; absent entries are missing cells. */
export function tableOf(rows: Record<string, Record<string, number>>, objectives?: string[]): ConsequencesTable {
  const alternatives = Object.keys(rows);
  const listed = objectives ?? [...new Set(alternatives.flatMap((a) => Object.keys(rows[a])))];
  const cells: RatedCell[] = alternatives.flatMap((a) => Object.entries(rows[a]).map(([o, rating]) => ({ alternativeId: a, objectiveId: o, rating })));
  return ConsequencesTable.of(alternatives, listed, cells);
}
