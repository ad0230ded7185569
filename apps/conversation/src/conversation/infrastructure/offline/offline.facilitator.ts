import { Injectable } from '@nestjs/common';
import type { FieldError } from '@choice-sherpa/events/outputs';
import type { CycleContext } from '../../application/cycle-context';
import { Facilitator, type FacilitatorRequest, type ReplyIntent } from '../../application/facilitator.port';
import type { Message } from '../../domain/message';
import { isOnlySignal } from '../../domain/user-signals';
import { EXTRACTORS } from './extractors';
import { nextSlot, type Candidate, type Slot } from './extraction-kit';
import { parseMessage } from './message-grammar';

/**
 * The default facilitator: deterministic, no network. It asks for the next thing the component lacks and extracts
 * the output from what the user wrote with the grammar documented in apps/conversation/README.md.
 */
@Injectable()
export class OfflineFacilitator extends Facilitator {
  readonly provider = 'offline';

  async reply(request: FacilitatorRequest & { intent: ReplyIntent }, onDelta: (text: string) => void): Promise<string> {
    const { candidate, asked } = fold(request.componentType, request.history, request.cycle);
    const next = nextSlot(EXTRACTORS[request.componentType], candidate, request.cycle, asked);
    const text = request.intent.kind === 'clarify' ? clarification(request.intent.problems, next, candidate, request.cycle) : question(next, candidate, request.cycle);
    for (const piece of text.match(/\S+\s*/g) ?? [text]) onDelta(piece);
    return text;
  }

  async extract(request: FacilitatorRequest): Promise<unknown> {
    return fold(request.componentType, request.history, request.cycle).candidate;
  }
}

/** Replays the user's messages in order; each unlabelled answer goes to the field that was being asked about. */
export function fold(type: FacilitatorRequest['componentType'], history: Message[], cycle: CycleContext): { candidate: Candidate; asked: Set<string> } {
  const extractor = EXTRACTORS[type];
  let candidate = extractor.initial(cycle);
  const asked = new Set<string>();
  for (const message of history) {
    if (message.role !== 'user' || isOnlySignal(message.content)) continue;
    const focus = nextSlot(extractor, candidate, cycle, asked)?.field ?? null;
    if (focus) asked.add(focus);
    candidate = extractor.apply(candidate, parseMessage(message.content), focus, cycle);
  }
  return { candidate, asked };
}

function question(next: Slot | null, candidate: Candidate, cycle: CycleContext): string {
  if (!next) return 'Thanks, I have what I need. Anything to add? Say "done" and I will propose the output.';
  return `Thanks, noted. ${next.question(candidate, cycle)}`;
}

function clarification(problems: FieldError[], next: Slot | null, candidate: Candidate, cycle: CycleContext): string {
  const listed = problems.slice(0, 8).map((p) => `- ${p.field}: ${p.message}`);
  const ask = next?.required ? next.question(candidate, cycle) : 'Could you correct that? A line such as "key: value", a list, or a ```json block``` all work.';
  return ['I cannot save this yet:', ...listed, '', ask].join('\n');
}
