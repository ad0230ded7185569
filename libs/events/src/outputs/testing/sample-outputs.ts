import type { ComponentType } from '../domain-vocabulary';
import { DQ_ELEMENT_NAMES } from '../decision-quality.output';

/** A valid output for every component that also meets its completion rule (tests build journeys with them). */
export const SAMPLE_OUTPUTS: Record<ComponentType, Record<string, unknown>> = {
  issue_raising: {
    potential_decisions: [{ id: 'd1', description: 'Accept the offer from Acme', priority: 'high' }],
    objectives: ['Grow professionally'],
    uncertainties: [{ id: 'u1', description: 'Will the team stay together?', driver: 'reorganisation' }],
    considerations: ['Commute time'],
  },
  problem_frame: {
    decision_maker: { name: 'Sam', role: 'candidate' },
    focal_decision: 'Which job offer should I accept this spring?',
    scope: 'Offers in hand only',
    constraints: [{ constraint_type: 'financial', description: 'Salary must cover rent' }],
    parties: [{ name: 'Alex', role: 'partner' }],
    decision_hierarchy: { already_made: ['Stay in the city'], deferred: ['Buying a house'] },
    deadline: '2026-03-01',
  },
  objectives: {
    fundamental_objectives: [
      { id: 'o1', description: 'Maximise learning', measure: 'new skills per year', direction: 'maximize', weight: 0.6 },
      { id: 'o2', description: 'Keep a short commute', direction: 'minimize', weight: 0.4 },
    ],
    means_objectives: [{ id: 'm1', description: 'Work with senior engineers', supports: ['o1'] }],
  },
  alternatives: {
    alternatives: [
      { id: 'a1', name: 'Stay', assumptions: [] },
      { id: 'a2', name: 'Join Acme', description: 'Senior role', assumptions: ['Remote two days a week'] },
    ],
    status_quo_id: 'a1',
  },
  consequences: {
    alternative_ids: ['a1', 'a2'],
    objective_ids: ['o1', 'o2'],
    cells: {
      'a1:o1': { rating: 0 },
      'a1:o2': { rating: 0, rationale: 'same commute' },
      'a2:o1': { rating: 2, uncertainty: 'low' },
      'a2:o2': { rating: -1, rationale: 'longer commute', uncertainty: 'medium' },
    },
  },
  tradeoffs: {
    dominated_alternatives: [],
    irrelevant_objectives: [],
    tensions: [{ alternative_id: 'a2', gains: ['o1'], losses: ['o2'] }],
  },
  recommendation: {
    synthesis: 'Joining Acme gives much more learning for a modestly longer commute, which is worth it.',
    standout_alternative_id: 'a2',
    caveats: ['Check the remote policy in writing'],
    remaining_uncertainties: ['Team stability'],
  },
  decision_quality: {
    elements: DQ_ELEMENT_NAMES.map((name, i) => ({ name, score: 70 + i, rationale: 'fair', improvement: 'more data' })),
  },
  notes_next_steps: {
    notes: ['Talk to Alex tonight'],
    open_questions: ['Start date?'],
    planned_actions: [{ action: 'Reply to Acme', owner: 'Sam', due_date: '2026-02-20' }],
  },
};
