import { checkRule } from '../../../shared/domain/business-rule';
import { TierLimits } from '../../../membership/domain/tier-limits';
import { COMPONENT_STATUSES, type ComponentStatus } from '../component-status';
import { COMPONENT_TYPES, type ComponentType } from '../component-type';
import { CYCLE_STATUSES } from '../cycle-status';
import { DQ_ELEMENT_NAMES } from '@choice-sherpa/events/outputs';
import { SAMPLE_OUTPUTS } from '@choice-sherpa/events/outputs/testing';
import { BranchPointStartedRule } from './branch-point-started.rule';
import { COMPLETION_RULES, ComponentCompletionRule } from './component-completion.rule';
import { ComponentInTierRule } from './component-in-tier.rule';
import { ComponentTransitionAllowedRule, StartsFromNotStartedRule } from './component-transition.rule';
import { CycleActiveRule } from './cycle-active.rule';
import { componentsRequiredToComplete, CycleCompletionRule } from './cycle-completion.rule';
import { CycleTransitionAllowedRule } from './cycle-transition.rule';
import { OutputWritableRule } from './output-writable.rule';
import { prerequisiteOf, PrerequisiteStartedRule } from './prerequisite-started.rule';
import { RevisionReasonRule } from './revision-reason.rule';

const free = TierLimits.for('free');
const monthly = TierLimits.for('monthly');

function thrown(fn: () => void): { code: string; rule?: string } {
  try {
    fn();
  } catch (error) {
    return error as { code: string; rule?: string };
  }
  throw new Error('expected the rule to be broken');
}

describe('ComponentTransitionAllowed', () => {
  const allowed: [ComponentStatus, ComponentStatus][] = [
    ['not_started', 'in_progress'],
    ['in_progress', 'complete'],
    ['in_progress', 'needs_revision'],
    ['complete', 'needs_revision'],
    ['needs_revision', 'in_progress'],
    ['needs_revision', 'complete'],
  ];
  const all = COMPONENT_STATUSES.flatMap((from) => COMPONENT_STATUSES.map((to) => [from, to] as [ComponentStatus, ComponentStatus]));
  const refused = all.filter(([from, to]) => !allowed.some(([f, t]) => f === from && t === to));

  it.each(allowed)('allows %s -> %s', (from, to) => {
    expect(new ComponentTransitionAllowedRule('objectives', from, to).isBroken()).toBe(false);
  });

  it.each(refused)('refuses %s -> %s', (from, to) => {
    const error = thrown(() => checkRule(new ComponentTransitionAllowedRule('objectives', from, to)));
    expect(error.code).toBe(from === 'not_started' ? 'COMPONENT_NOT_STARTED' : 'INVALID_TRANSITION');
    expect(error.rule).toBe('ComponentTransitionAllowed');
  });
});

describe('StartsFromNotStarted', () => {
  it.each(COMPONENT_STATUSES.filter((s) => s !== 'not_started'))('refuses starting a component that is %s', (status) => {
    expect(thrown(() => checkRule(new StartsFromNotStartedRule('objectives', status))).code).toBe('INVALID_TRANSITION');
  });
  it('allows starting a not_started component', () => {
    expect(new StartsFromNotStartedRule('objectives', 'not_started').isBroken()).toBe(false);
  });
});

describe('PrerequisiteStarted', () => {
  const statuses = (started: ComponentType[]) => (type: ComponentType): ComponentStatus => (started.includes(type) ? 'in_progress' : 'not_started');

  it('issue_raising has no prerequisite', () => {
    expect(prerequisiteOf('issue_raising', free)).toBeNull();
    expect(new PrerequisiteStartedRule('issue_raising', statuses([]), free).isBroken()).toBe(false);
  });

  it.each(COMPONENT_TYPES.slice(1).map((type, i) => [type, COMPONENT_TYPES[i]] as const))('%s needs %s started (monthly)', (type, previous) => {
    expect(prerequisiteOf(type, monthly)).toBe(previous);
    expect(new PrerequisiteStartedRule(type, statuses([]), monthly).isBroken()).toBe(true);
    expect(new PrerequisiteStartedRule(type, statuses([previous]), monthly).isBroken()).toBe(false);
  });

  it('a started (not completed) prerequisite is enough; earlier ones do not matter', () => {
    expect(new PrerequisiteStartedRule('alternatives', statuses(['objectives']), monthly).isBroken()).toBe(false);
  });

  it('on free, notes_next_steps follows recommendation (decision_quality is not in the tier)', () => {
    expect(prerequisiteOf('notes_next_steps', free)).toBe('recommendation');
    expect(new PrerequisiteStartedRule('notes_next_steps', statuses(['recommendation']), free).isBroken()).toBe(false);
    expect(new PrerequisiteStartedRule('notes_next_steps', statuses(['recommendation']), monthly).isBroken()).toBe(true);
  });

  it('throws PREREQUISITE_NOT_STARTED naming the prerequisite', () => {
    const error = thrown(() => checkRule(new PrerequisiteStartedRule('tradeoffs', statuses([]), free))) as { code: string; details: unknown };
    expect(error.code).toBe('PREREQUISITE_NOT_STARTED');
    expect(error.details).toEqual({ component_type: 'tradeoffs', prerequisite: 'consequences' });
  });
});

describe('ComponentInTier', () => {
  it('refuses decision_quality on free with TIER_LIMIT details', () => {
    const error = thrown(() => checkRule(new ComponentInTierRule('decision_quality', free))) as { code: string; details: unknown };
    expect(error.code).toBe('TIER_LIMIT');
    expect(error.details).toEqual({ limit: 'decision_quality', current: 0, max: 0, required_tier: 'monthly' });
  });
  it('allows decision_quality on monthly and annual, and every other component on free', () => {
    expect(new ComponentInTierRule('decision_quality', monthly).isBroken()).toBe(false);
    expect(new ComponentInTierRule('decision_quality', TierLimits.for('annual')).isBroken()).toBe(false);
    for (const type of COMPONENT_TYPES.filter((t) => t !== 'decision_quality')) expect(new ComponentInTierRule(type, free).isBroken()).toBe(false);
  });
});

describe('OutputWritable', () => {
  it('allows writing while in_progress or needs_revision', () => {
    expect(new OutputWritableRule('objectives', 'in_progress').isBroken()).toBe(false);
    expect(new OutputWritableRule('objectives', 'needs_revision').isBroken()).toBe(false);
  });
  it('refuses a not_started component with COMPONENT_NOT_STARTED', () => {
    expect(thrown(() => checkRule(new OutputWritableRule('objectives', 'not_started'))).code).toBe('COMPONENT_NOT_STARTED');
  });
  it('locks a complete component with OUTPUT_LOCKED', () => {
    expect(thrown(() => checkRule(new OutputWritableRule('objectives', 'complete'))).code).toBe('OUTPUT_LOCKED');
  });
});

describe('ComponentCompletion', () => {
  it.each(['issue_raising', 'problem_frame', 'tradeoffs', 'recommendation', 'notes_next_steps'] as const)('%s has no completion rule, even without output', (type) => {
    expect(new ComponentCompletionRule(type, null).isBroken()).toBe(false);
  });

  it.each(COMPONENT_TYPES)('%s completes with the sample output', (type) => {
    expect(COMPLETION_RULES[type](SAMPLE_OUTPUTS[type])).toEqual([]);
  });

  it('objectives need at least 1 fundamental objective', () => {
    expect(COMPLETION_RULES.objectives({ fundamental_objectives: [], means_objectives: [] })).toEqual(['at least 1 fundamental objective is needed']);
    expect(COMPLETION_RULES.objectives(null)).toHaveLength(1);
  });

  it('alternatives need at least 2 and a status quo among them', () => {
    const one = { alternatives: [{ id: 'a1', name: 'Stay', assumptions: [] }], status_quo_id: 'a1' };
    expect(COMPLETION_RULES.alternatives(one)).toEqual(['at least 2 alternatives are needed']);
    const noStatusQuo = { ...(SAMPLE_OUTPUTS.alternatives as object), status_quo_id: null };
    expect(COMPLETION_RULES.alternatives(noStatusQuo)).toEqual(['status_quo_id must name one of the alternatives']);
    expect(COMPLETION_RULES.alternatives(null)).toHaveLength(2);
  });

  it('consequences need a cell for every alternative x objective', () => {
    const table = structuredClone(SAMPLE_OUTPUTS.consequences) as { cells: Record<string, unknown> };
    delete table.cells['a2:o2'];
    expect(COMPLETION_RULES.consequences(table)).toEqual(['a cell is needed for every alternative x objective; missing: alternative_ids[1] x objective_ids[1]']);
    expect(COMPLETION_RULES.consequences({ alternative_ids: [], objective_ids: [], cells: {} })).toHaveLength(1);
    expect(COMPLETION_RULES.consequences(null)).toHaveLength(1);
  });

  it('decision_quality needs exactly the 7 elements', () => {
    const six = { elements: DQ_ELEMENT_NAMES.slice(0, 6).map((name) => ({ name, score: 50 })) };
    expect(COMPLETION_RULES.decision_quality(six)).toEqual([`exactly the 7 DQ elements are needed; missing: ${DQ_ELEMENT_NAMES[6]}`]);
    expect(COMPLETION_RULES.decision_quality(null)).toHaveLength(1);
  });

  it('throws COMPLETION_RULE_UNMET with the reasons', () => {
    const error = thrown(() => checkRule(new ComponentCompletionRule('objectives', null))) as { code: string; rule: string; details: unknown };
    expect(error).toMatchObject({ code: 'COMPLETION_RULE_UNMET', rule: 'ComponentCompletion' });
    expect(error.details).toEqual([{ field: 'objectives', message: 'at least 1 fundamental objective is needed' }]);
  });
});

describe('CycleActive and CycleTransitionAllowed', () => {
  it('only an active cycle changes', () => {
    expect(new CycleActiveRule('active').isBroken()).toBe(false);
    expect(thrown(() => checkRule(new CycleActiveRule('completed'))).code).toBe('CYCLE_NOT_ACTIVE');
    expect(thrown(() => checkRule(new CycleActiveRule('archived'))).code).toBe('CYCLE_NOT_ACTIVE');
  });

  const allowed = [
    ['active', 'completed'],
    ['active', 'archived'],
    ['completed', 'archived'],
  ];
  const pairs = CYCLE_STATUSES.flatMap((from) => CYCLE_STATUSES.map((to) => [from, to] as const));
  it.each(pairs)('%s -> %s', (from, to) => {
    const ok = allowed.some(([f, t]) => f === from && t === to);
    expect(new CycleTransitionAllowedRule(from, to).isBroken()).toBe(!ok);
    if (!ok) expect(thrown(() => checkRule(new CycleTransitionAllowedRule(from, to))).code).toBe('INVALID_TRANSITION');
  });
});

describe('BranchPointStarted', () => {
  it('refuses a not_started branch point', () => {
    expect(thrown(() => checkRule(new BranchPointStartedRule('consequences', 'not_started'))).code).toBe('COMPONENT_NOT_STARTED');
  });
  it.each(['in_progress', 'complete', 'needs_revision'] as const)('allows a %s branch point', (status) => {
    expect(new BranchPointStartedRule('consequences', status).isBroken()).toBe(false);
  });
});

describe('CycleCompletion', () => {
  const complete = (done: ComponentType[]) => (type: ComponentType): ComponentStatus => (done.includes(type) ? 'complete' : 'in_progress');

  it('free: recommendation complete is enough', () => {
    expect(componentsRequiredToComplete(free)).toEqual(['recommendation']);
    expect(new CycleCompletionRule(complete(['recommendation']), free).isBroken()).toBe(false);
  });

  it('monthly and annual: decision_quality must be complete too', () => {
    for (const limits of [monthly, TierLimits.for('annual')]) {
      expect(new CycleCompletionRule(complete(['recommendation']), limits).isBroken()).toBe(true);
      expect(new CycleCompletionRule(complete(['recommendation', 'decision_quality']), limits).isBroken()).toBe(false);
    }
  });

  it('throws CYCLE_INCOMPLETE listing what is missing', () => {
    const error = thrown(() => checkRule(new CycleCompletionRule(complete([]), monthly))) as { code: string; details: unknown };
    expect(error.code).toBe('CYCLE_INCOMPLETE');
    expect(error.details).toEqual({ missing: ['recommendation', 'decision_quality'] });
  });
});

describe('RevisionReason', () => {
  it('needs 1 to 2000 characters after trimming', () => {
    expect(new RevisionReasonRule('the numbers changed').isBroken()).toBe(false);
    expect(new RevisionReasonRule('x'.repeat(2000)).isBroken()).toBe(false);
    for (const bad of ['', '   ', 'x'.repeat(2001), 42, null]) {
      const error = thrown(() => checkRule(new RevisionReasonRule(bad))) as { code: string; details: { field: string }[] };
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.details[0].field).toBe('reason');
    }
  });
});
