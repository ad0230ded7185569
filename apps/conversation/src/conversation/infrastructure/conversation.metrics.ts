import { Injectable } from '@nestjs/common';
import type { MessageRole } from '@choice-sherpa/events/outputs';
import { Counter, Histogram, register } from 'prom-client';
import { ConversationMetrics } from '../application/conversation-metrics.port';

function once<T>(name: string, create: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? create();
}

/** Labels are the provider and an outcome word, never message text or a model's output. */
export const aiRequests = once('ai_requests_total', () =>
  new Counter({ name: 'ai_requests_total', help: 'Requests to the facilitator by provider and outcome', labelNames: ['provider', 'outcome'] }),
);

export const aiRequestDuration = once('ai_request_duration_seconds', () =>
  new Histogram({
    name: 'ai_request_duration_seconds',
    help: 'Duration of a facilitator request (reply or extraction), retries included',
    labelNames: ['provider'],
    buckets: [0.005, 0.025, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
  }),
);

export const aiFirstToken = once('ai_first_token_seconds', () =>
  new Histogram({
    name: 'ai_first_token_seconds',
    help: 'Time from the request to the first streamed piece of a reply',
    labelNames: ['provider'],
    buckets: [0.001, 0.005, 0.025, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  }),
);

const conversationMessages = once('conversation_messages_total', () =>
  new Counter({ name: 'conversation_messages_total', help: 'Messages stored, by role', labelNames: ['role'] }),
);

/** The application's counts, in the process's prom-client registry. */
@Injectable()
export class PromConversationMetrics implements ConversationMetrics {
  messageStored(role: MessageRole): void {
    conversationMessages.inc({ role });
  }
}
