/**
 * What the conversation service knows of the rest of the cycle (from component.output_updated and
 * component.completed): the alternatives and objectives later components refer to by id.
 */
export interface CycleContext {
  alternatives: Array<{ id: string; name: string }>;
  objectives: Array<{ id: string; description: string }>;
  statusQuoId: string | null;
}

export const EMPTY_CYCLE_CONTEXT: CycleContext = { alternatives: [], objectives: [], statusQuoId: null };
