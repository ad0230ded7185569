import type { ComponentType } from './vocabulary';

/** The nine components' outputs (DOMAIN.md "Component outputs"), snake_case as on the wire. */
export interface IssueRaisingOutput {
  potential_decisions: Array<{ id: string; description: string; priority: 'high' | 'medium' | 'low' }>;
  objectives: string[];
  uncertainties: Array<{ id: string; description: string; driver?: string }>;
  considerations: string[];
}

export interface ProblemFrameOutput {
  decision_maker: { name: string; role: string };
  focal_decision: string;
  scope?: string;
  constraints: Array<{ constraint_type: 'legal' | 'financial' | 'political' | 'technical'; description: string }>;
  parties: Array<{ name: string; role: string }>;
  decision_hierarchy: { already_made: string[]; deferred: string[] };
  deadline?: string;
}

export interface ObjectivesOutput {
  fundamental_objectives: Array<{ id: string; description: string; measure?: string; direction?: 'maximize' | 'minimize' | 'target'; weight?: number }>;
  means_objectives: Array<{ id: string; description: string; supports: string[] }>;
}

export interface AlternativesOutput {
  alternatives: Array<{ id: string; name: string; description?: string; assumptions: string[] }>;
  status_quo_id: string;
}

export type Rating = -2 | -1 | 0 | 1 | 2;

export interface ConsequencesOutput {
  alternative_ids: string[];
  objective_ids: string[];
  /** keyed "alternative_id:objective_id" */
  cells: Record<string, { rating: Rating; rationale?: string; uncertainty?: 'low' | 'medium' | 'high' }>;
}

export interface TradeoffsOutput {
  dominated_alternatives: Array<{ alternative_id: string; dominated_by_id: string; explanation: string }>;
  irrelevant_objectives: Array<{ objective_id: string; reason: string }>;
  tensions: Array<{ alternative_id: string; gains: string[]; losses: string[] }>;
}

export interface RecommendationOutput {
  synthesis: string;
  standout_alternative_id?: string;
  caveats: string[];
  remaining_uncertainties: string[];
}

export interface DecisionQualityOutput {
  elements: Array<{ name: string; score: number; rationale?: string; improvement?: string }>;
}

export interface NotesNextStepsOutput {
  notes: string[];
  open_questions: string[];
  planned_actions: Array<{ action: string; owner?: string; due_date?: string }>;
}

export interface ComponentOutputs {
  issue_raising: IssueRaisingOutput;
  problem_frame: ProblemFrameOutput;
  objectives: ObjectivesOutput;
  alternatives: AlternativesOutput;
  consequences: ConsequencesOutput;
  tradeoffs: TradeoffsOutput;
  recommendation: RecommendationOutput;
  decision_quality: DecisionQualityOutput;
  notes_next_steps: NotesNextStepsOutput;
}

export type ComponentOutput<T extends ComponentType = ComponentType> = ComponentOutputs[T];

/** The key of a consequences cell. */
export function cellKey(alternativeId: string, objectiveId: string): string {
  return `${alternativeId}:${objectiveId}`;
}
