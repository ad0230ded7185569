import type { ComponentType } from './domain-vocabulary';
import { parseWith, type FieldError, type Infer, type JsonSchema, type Schema } from './schema';
import { alternativesOutput } from './alternatives.output';
import { consequencesOutput } from './consequences.output';
import { decisionQualityOutput } from './decision-quality.output';
import { issueRaisingOutput } from './issue-raising.output';
import { notesNextStepsOutput } from './notes-next-steps.output';
import { objectivesOutput } from './objectives.output';
import { problemFrameOutput } from './problem-frame.output';
import { recommendationOutput } from './recommendation.output';
import { tradeoffsOutput } from './tradeoffs.output';

/**
 * The output schema of every component (DOMAIN.md "Component outputs"): part of the event contract, since
 * component.output_updated, component.completed and conversation.data_extracted carry outputs. Producers validate
 * on every write, the catalog on every event. `validateComponentOutput` returns the clean copy (trimmed strings,
 * defaults for absent lists) or the field errors.
 */
export const OUTPUT_SCHEMAS = {
  issue_raising: issueRaisingOutput,
  problem_frame: problemFrameOutput,
  objectives: objectivesOutput,
  alternatives: alternativesOutput,
  consequences: consequencesOutput,
  tradeoffs: tradeoffsOutput,
  recommendation: recommendationOutput,
  decision_quality: decisionQualityOutput,
  notes_next_steps: notesNextStepsOutput,
} satisfies Record<ComponentType, Schema<unknown>>;

export type ComponentOutputs = { [K in ComponentType]: Infer<(typeof OUTPUT_SCHEMAS)[K]> };
export type IssueRaisingOutput = ComponentOutputs['issue_raising'];
export type ProblemFrameOutput = ComponentOutputs['problem_frame'];
export type ObjectivesOutput = ComponentOutputs['objectives'];
export type AlternativesOutput = ComponentOutputs['alternatives'];
export type ConsequencesOutput = ComponentOutputs['consequences'];
export type TradeoffsOutput = ComponentOutputs['tradeoffs'];
export type RecommendationOutput = ComponentOutputs['recommendation'];
export type DecisionQualityOutput = ComponentOutputs['decision_quality'];
export type NotesNextStepsOutput = ComponentOutputs['notes_next_steps'];

/** A stored output: JSON, already validated. */
export type ComponentOutput = Record<string, unknown>;

export type OutputValidation = { ok: true; value: ComponentOutput } | { ok: false; errors: FieldError[] };

/** `pathPrefix` lets the HTTP layer name fields as the client sent them (e.g. "output"). */
export function validateComponentOutput(type: ComponentType, value: unknown, pathPrefix = ''): OutputValidation {
  const result = parseWith(OUTPUT_SCHEMAS[type] as Schema<unknown>, value, pathPrefix);
  return result.ok ? { ok: true, value: result.value as ComponentOutput } : result;
}


/**
 * The `output_summary` of component.output_updated: counts only ("alternatives: 3, status_quo_id: set"), never
 * the user's text, so it is safe wherever the event goes.
 */
export function summarizeOutput(output: ComponentOutput): string {
  return Object.entries(output)
    .map(([field, value]) => {
      if (Array.isArray(value)) return `${field}: ${value.length}`;
      if (value !== null && typeof value === 'object') return `${field}: ${Object.keys(value).length}`;
      return `${field}: ${value === null || value === undefined ? 'empty' : 'set'}`;
    })
    .join(', ');
}

/** The component's output schema as JSON Schema (structured output of a model). */
export function outputJsonSchema(type: ComponentType): JsonSchema {
  return OUTPUT_SCHEMAS[type].json;
}
