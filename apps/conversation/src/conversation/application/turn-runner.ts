import { Injectable } from '@nestjs/common';
import type { ComponentOutput, ComponentType } from '@choice-sherpa/events/outputs';
import { checkCandidate } from '../domain/extraction-check';
import type { Message } from '../domain/message';
import { confirmationText, proposalText } from '../domain/proposal-text';
import type { TurnOutcome, TurnPlan } from '../domain/turn';
import type { CycleContext } from './cycle-context';
import { Facilitator } from './facilitator.port';

export interface TurnInput {
  plan: TurnPlan;
  componentType: ComponentType;
  proposal: ComponentOutput | null;
  history: Message[];
  cycle: CycleContext;
}

/**
 * Runs one turn with the facilitator. A proposal and a confirmation are worded here, from the checked output, so
 * what the user confirms is exactly what will be saved; only questions come from the facilitator.
 */
@Injectable()
export class TurnRunner {
  constructor(private readonly facilitator: Facilitator) {}

  async run(input: TurnInput, onDelta: (text: string) => void): Promise<{ reply: string; outcome: TurnOutcome }> {
    const request = { componentType: input.componentType, history: input.history, cycle: input.cycle };
    if (input.plan === 'confirm' && input.proposal) {
      return this.fixed(confirmationText(input.componentType), { kind: 'confirmed', output: input.proposal }, onDelta);
    }
    if (input.plan === 'extract' || input.plan === 'confirm') {
      const check = checkCandidate(input.componentType, await this.facilitator.extract(request));
      if (check.ok) return this.fixed(proposalText(input.componentType, check.output), { kind: 'proposed', output: check.output }, onDelta);
      const reply = await this.facilitator.reply({ ...request, intent: { kind: 'clarify', problems: check.problems } }, onDelta);
      return { reply, outcome: { kind: 'invalid', problems: check.problems } };
    }
    const reply = await this.facilitator.reply({ ...request, intent: { kind: 'gather' } }, onDelta);
    return { reply, outcome: { kind: 'gathered' } };
  }

  private fixed(reply: string, outcome: TurnOutcome, onDelta: (text: string) => void): { reply: string; outcome: TurnOutcome } {
    for (const piece of reply.match(/\S+\s*/g) ?? [reply]) onDelta(piece);
    return { reply, outcome };
  }
}
