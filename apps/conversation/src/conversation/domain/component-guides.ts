import type { ComponentType } from '@choice-sherpa/events/outputs';

/**
 * What the facilitator says about each component (DOMAIN.md "Conversations"): what the step is for, what it needs,
 * an example in the offline grammar (apps/conversation/README.md), and the minimum number of user messages before
 * an output is proposed. Both adapters open with the same greeting; the OpenAI-compatible one also builds its
 * system prompt from it.
 */
export interface ComponentGuide {
  title: string;
  purpose: string;
  needs: string;
  example: string;
  minUserMessages: number;
}

export const COMPONENT_GUIDES: Record<ComponentType, ComponentGuide> = {
  issue_raising: {
    title: 'Issue Raising',
    purpose: 'we put everything on the table that this decision touches, before we try to frame it.',
    needs: 'Tell me the decisions you might be facing (with a priority), what matters to you, what is uncertain, and anything else to consider.',
    example: 'Decisions:\n- Whether to move to Lisbon (high)\nObjectives:\n- Lower cost of living\nUncertainties:\n- Remote work policy (driver: employer)',
    minUserMessages: 3,
  },
  problem_frame: {
    title: 'Problem Frame',
    purpose: 'we state exactly which decision we are making, who makes it, who else is involved and what constrains it.',
    needs: 'Give me the focal decision in one sentence, the decision maker, the parties involved and the constraints.',
    example: 'Focal decision: Where should our family live from next summer?\nDecision maker: Alex (parent)\nParties:\n- Sam (partner)\nConstraints:\n- financial: rent below 2500 a month',
    minUserMessages: 2,
  },
  objectives: {
    title: 'Objectives',
    purpose: 'we name what you want to achieve, so that every option can be judged against the same yardsticks.',
    needs: 'List your fundamental objectives (maximize or minimize, with a weight if you like) and any means objectives that serve them.',
    example: 'Fundamental:\n- Lower monthly costs (minimize, weight 0.6)\n- Career growth (maximize, weight 0.4)\nMeans:\n- Cheaper rent -> Lower monthly costs',
    minUserMessages: 2,
  },
  alternatives: {
    title: 'Alternatives',
    purpose: 'we collect the real options, including doing nothing, so the choice is between good alternatives.',
    needs: 'List at least two alternatives and say which one is the status quo.',
    example: 'Alternatives:\n- Stay where we are (status quo)\n- Move to Lisbon: rent a flat near the coast',
    minUserMessages: 2,
  },
  consequences: {
    title: 'Consequences',
    purpose: 'we rate how each alternative does on each objective, compared with the status quo.',
    needs: 'Rate every alternative on every objective from -2 (much worse) to +2 (much better), as a table or one line each.',
    example: '| | Lower monthly costs | Career growth |\n| Stay where we are | 0 | 0 |\n| Move to Lisbon | +1 cheaper rent | +2 |',
    minUserMessages: 4,
  },
  tradeoffs: {
    title: 'Tradeoffs',
    purpose: 'we look at what each alternative gains and gives up, which ones are dominated and which objectives do not separate them.',
    needs: 'Tell me which alternatives are dominated (and by which), which objectives are irrelevant, and the tensions you see.',
    example: 'Dominated:\n- Stay where we are by Move to Lisbon: worse on everything\nTensions:\n- Move to Lisbon gains Career growth, loses Lower monthly costs',
    minUserMessages: 3,
  },
  recommendation: {
    title: 'Recommendation',
    purpose: 'we say what you would choose and why, in your own words, with the caveats that come with it.',
    needs: 'Write the synthesis (a few sentences), the standout alternative, caveats and what remains uncertain.',
    example: 'Synthesis: Moving to Lisbon is better on both objectives and the main risk is covered by remote work.\nStandout: Move to Lisbon\nCaveats:\n- Remote work must continue',
    minUserMessages: 2,
  },
  decision_quality: {
    title: 'Decision Quality',
    purpose: 'we score the quality of the decision on its seven elements, to see where it is weakest.',
    needs: 'Score each element from 0 to 100: Helpful Problem Frame, Clear Objectives, Creative Alternatives, Reliable Consequence Information, Logically Correct Reasoning, Clear Tradeoffs, Commitment to Follow Through.',
    example: 'Helpful Problem Frame: 85\nClear Objectives: 80 - we agreed on both\nCreative Alternatives: 60 (improve: look for a third option)',
    minUserMessages: 3,
  },
  notes_next_steps: {
    title: 'Notes & Next Steps',
    purpose: 'we write down what to remember and what happens next.',
    needs: 'Add notes, open questions and planned actions (with an owner and a due date if you know them).',
    example: 'Notes:\n- Talk to the landlord first\nActions:\n- Give notice (owner: Alex, due: 2026-03-01)',
    minUserMessages: 1,
  },
};

/** The facilitator's opening message of a component's conversation. */
export function greetingFor(type: ComponentType): string {
  const guide = COMPONENT_GUIDES[type];
  return (
    `Welcome to ${guide.title}: here ${guide.purpose} ${guide.needs}\n\n` +
    `For example:\n${guide.example}\n\n` +
    'Write as freely as you like; lists and "key: value" lines help me. Say "done" when you have said everything.'
  );
}
