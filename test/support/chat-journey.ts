import type { COMPONENT_TYPES } from '@choice-sherpa/events/outputs';

/** What the user writes in each component (the README grammar); the facilitator then proposes and "yes" confirms. */
export const CHAT: Record<(typeof COMPONENT_TYPES)[number], string[]> = {
  issue_raising: [
    'Decisions:\n- Whether to move the family to Lisbon (high)',
    'Objectives:\n- Lower cost of living\n- Keep career options open',
    'Uncertainties:\n- Remote work policy next year (driver: employer)',
  ],
  problem_frame: [
    'Focal decision: Where should our family live from next summer?\nDecision maker: Alex (parent)',
    'Parties:\n- Sam (partner)\nConstraints:\n- financial: rent below 2500 a month',
  ],
  objectives: ['Fundamental:\n- Lower monthly costs (minimize, weight 0.6)', 'Fundamental:\n- Career growth (maximize, weight 0.4)\nMeans:\n- Cheaper rent -> Lower monthly costs'],
  alternatives: ['- Stay where we are (status quo)', '- Move to Lisbon: rent a flat near the coast'],
  consequences: [
    '| | Lower monthly costs | Career growth |\n|---|---|---|\n| Stay where we are | 0 | 0 |\n| Move to Lisbon | +1 cheaper rent | +2 remote work |',
    'done',
  ],
  tradeoffs: ['Dominated:\n- Stay where we are by Move to Lisbon: worse on both', 'Tensions:\n- Move to Lisbon gains Career growth, loses Lower monthly costs', 'done'],
  recommendation: [
    'Synthesis: Moving to Lisbon is better on both objectives, and remote work covers the main risk of the move.',
    'Standout: Move to Lisbon\nCaveats:\n- Remote work must continue',
  ],
  decision_quality: [
    'Helpful Problem Frame: 85\nClear Objectives: 80 - we agreed on both',
    'Creative Alternatives: 60 (improve: look for a third option)\nReliable Consequence Information: 75',
    'Logically Correct Reasoning: 82\nClear Tradeoffs: 80\nCommitment to Follow Through: 90',
  ],
  notes_next_steps: ['Notes:\n- Talk to the landlord first\nActions:\n- Give notice (owner: Alex, due: 2026-03-01)'],
};
