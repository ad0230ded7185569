import { ApiClient } from './api-client';

/** The first components of a decision, with outputs valid under DOMAIN.md's schemas. */
export const JOURNEY_OUTPUTS = {
  issue_raising: {
    potential_decisions: [{ id: 'd1', description: 'Whether to move the family to Lisbon', priority: 'high' }],
    objectives: ['Lower cost of living', 'Keep career options open'],
    uncertainties: [{ id: 'u1', description: 'Remote work policy next year', driver: 'employer' }],
    considerations: ['Schools for the children'],
  },
  problem_frame: {
    decision_maker: { name: 'Alex', role: 'parent' },
    focal_decision: 'Where should our family live from next summer?',
    constraints: [{ constraint_type: 'financial', description: 'Rent below 2500 a month' }],
    parties: [{ name: 'Sam', role: 'partner' }],
    decision_hierarchy: { already_made: ['Stay in Europe'], deferred: ['Buy or rent'] },
  },
  objectives: {
    fundamental_objectives: [
      { id: 'o1', description: 'Lower monthly costs', direction: 'minimize', weight: 0.6 },
      { id: 'o2', description: 'Career growth', direction: 'maximize', weight: 0.4 },
    ],
    means_objectives: [{ id: 'm1', description: 'Cheaper rent', supports: ['o1'] }],
  },
  alternatives: {
    alternatives: [
      { id: 'a1', name: 'Stay where we are', assumptions: [] },
      { id: 'a2', name: 'Move to Lisbon', description: 'Rent a flat near the coast', assumptions: ['Remote work stays allowed'] },
    ],
    status_quo_id: 'a1',
  },
} as const;

export type JourneyComponent = keyof typeof JOURNEY_OUTPUTS;

/** One HTTP command of the journey and the event types API.md says it publishes. */
export interface JourneyStep {
  name: string;
  emits: string[];
  run(api: ApiClient, ids: JourneyIds): Promise<void>;
}

export interface JourneyIds {
  sessionId: string;
  cycleId?: string;
}

export const SESSION_TITLE = 'Where to live next year';
export const RENAMED_TITLE = 'Where our family lives next year';

export function idOf(body: unknown, kind: string): string {
  const record = body as Record<string, unknown> | undefined;
  const id = record?.id ?? record?.[`${kind}_id`];
  if (typeof id !== 'string') throw new Error(`no ${kind} id in ${JSON.stringify(body)}`);
  return id;
}

export async function createSession(api: ApiClient, title = SESSION_TITLE): Promise<string> {
  return idOf(await api.expect(201, 'POST', '/api/sessions', { title, description: 'A move we keep postponing' }), 'session');
}

export async function createCycle(api: ApiClient, sessionId: string): Promise<string> {
  return idOf(await api.expect(201, 'POST', `/api/sessions/${sessionId}/cycles`), 'cycle');
}

function componentSteps(type: JourneyComponent, complete: boolean): JourneyStep[] {
  const base = (ids: JourneyIds) => `/api/cycles/${ids.cycleId}/components/${type}`;
  const steps: JourneyStep[] = [
    { name: `start ${type}`, emits: ['component.started'], run: (api, ids) => api.expect(200, 'POST', `${base(ids)}/start`).then(() => undefined) },
    {
      name: `fill ${type}`,
      emits: ['component.output_updated'],
      run: (api, ids) => api.expect(200, 'PUT', `${base(ids)}/output`, { output: JOURNEY_OUTPUTS[type] }).then(() => undefined),
    },
  ];
  if (complete) {
    steps.push({ name: `complete ${type}`, emits: ['component.completed'], run: (api, ids) => api.expect(200, 'POST', `${base(ids)}/complete`).then(() => undefined) });
  }
  return steps;
}

/**
 * The journey after the session exists: a cycle, three components started, filled and completed, a fourth started
 * and filled, and the session renamed last.
 */
export function journeySteps(): JourneyStep[] {
  return [
    {
      name: 'create cycle',
      emits: ['cycle.created'],
      run: async (api, ids) => {
        ids.cycleId = await createCycle(api, ids.sessionId);
      },
    },
    ...componentSteps('issue_raising', true),
    ...componentSteps('problem_frame', true),
    ...componentSteps('objectives', true),
    ...componentSteps('alternatives', false),
    {
      name: 'rename session',
      emits: ['session.renamed'],
      run: (api, ids) => api.expect(200, 'PATCH', `/api/sessions/${ids.sessionId}`, { title: RENAMED_TITLE }).then(() => undefined),
    },
  ];
}

/** The component statuses the journey leaves behind (DOMAIN.md's nine, in order). */
export const JOURNEY_FINAL_STATUSES: Record<string, string> = {
  issue_raising: 'complete',
  problem_frame: 'complete',
  objectives: 'complete',
  alternatives: 'in_progress',
  consequences: 'not_started',
  tradeoffs: 'not_started',
  recommendation: 'not_started',
  decision_quality: 'not_started',
  notes_next_steps: 'not_started',
};
