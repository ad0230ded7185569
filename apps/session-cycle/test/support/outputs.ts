import type { ComponentType } from '@choice-sherpa/events';

/** A valid output for every component (DOMAIN.md "Component outputs"), one decision: stay or move to Lisbon. */
export const VALID_OUTPUTS: Record<ComponentType, Record<string, unknown>> = {
  issue_raising: {
    potential_decisions: [{ id: 'd1', description: 'Move to Lisbon next year', priority: 'high' }],
    objectives: ['Lower cost of living'],
    uncertainties: [{ id: 'u1', description: 'The job market there', driver: 'economy' }],
    considerations: ['Family nearby'],
  },
  problem_frame: {
    decision_maker: { name: 'Ana', role: 'head of household' },
    focal_decision: 'Where should we live next year?',
    constraints: [{ constraint_type: 'financial', description: 'Rent below 2000 per month' }],
    parties: [{ name: 'Ben', role: 'partner' }],
    decision_hierarchy: { already_made: ['Stay in Europe'], deferred: ['Buying a house'] },
  },
  objectives: {
    fundamental_objectives: [
      { id: 'o1', description: 'Low cost of living', direction: 'minimize', weight: 0.5 },
      { id: 'o2', description: 'Quality of life', direction: 'maximize', weight: 0.5 },
    ],
    means_objectives: [{ id: 'm1', description: 'Short commute', supports: ['o2'] }],
  },
  alternatives: {
    alternatives: [
      { id: 'a1', name: 'Stay', assumptions: [] },
      { id: 'a2', name: 'Move to Lisbon', description: 'Rent a flat in Lisbon', assumptions: ['Remote work continues'] },
    ],
    status_quo_id: 'a1',
  },
  consequences: {
    alternative_ids: ['a1', 'a2'],
    objective_ids: ['o1', 'o2'],
    cells: {
      'a1:o1': { rating: 0 },
      'a1:o2': { rating: 0 },
      'a2:o1': { rating: 1, rationale: 'cheaper rent' },
      'a2:o2': { rating: 2, uncertainty: 'medium' },
    },
  },
  tradeoffs: {
    dominated_alternatives: [{ alternative_id: 'a1', dominated_by_id: 'a2', explanation: 'a2 is better on both objectives' }],
    irrelevant_objectives: [],
    tensions: [],
  },
  recommendation: {
    synthesis: 'Moving to Lisbon is better on both objectives, and the main risk (the job) is covered by remote work.',
    standout_alternative_id: 'a2',
    caveats: ['Remote work must continue'],
    remaining_uncertainties: ['Schools for the children'],
  },
  decision_quality: {
    elements: [
      { name: 'Helpful Problem Frame', score: 90 },
      { name: 'Clear Objectives', score: 85 },
      { name: 'Creative Alternatives', score: 60, improvement: 'look for a third option' },
      { name: 'Reliable Consequence Information', score: 75 },
      { name: 'Logically Correct Reasoning', score: 88 },
      { name: 'Clear Tradeoffs', score: 80 },
      { name: 'Commitment to Follow Through', score: 95 },
    ],
  },
  notes_next_steps: {
    notes: ['Talk to Ben about schools'],
    open_questions: ['Which district?'],
    planned_actions: [{ action: 'Visit Lisbon', owner: 'Ana', due_date: '2027-01-15' }],
  },
};
