import { ApiProperty } from '@nestjs/swagger';

/** Example ids and times the documents share, so one resource's id reads the same in every example. */
export const EXAMPLE = {
  userId: 'user-7f3a',
  sessionId: '01963b2e-5c1a-7d4e-8f21-3a9c0b7d6e51',
  cycleId: '01963b2e-6a40-7b11-9c32-5d8e1f2a4b63',
  componentId: '01963b2e-6a40-7b11-9c32-5d8e1f2a4b70',
  membershipId: '01963b2e-7b55-7c22-8d43-6e9f2a3b5c74',
  conversationId: '01963b2f-0c11-7e33-9a54-7f0a3b4c6d85',
  messageId: '01963b2f-1d22-7f44-8b65-8a1b4c5d7e96',
  time: '2026-03-02T09:30:00.000Z',
} as const;

interface FieldOptions {
  description?: string;
  required?: boolean;
  nullable?: boolean;
  example?: string;
}

/** A UUID field (`format: uuid`). */
export const ApiUuid = ({ example = EXAMPLE.sessionId, nullable = false, ...options }: FieldOptions = {}) =>
  ApiProperty({ type: String, format: 'uuid', example, nullable, ...options });

/** An ISO 8601 instant (`format: date-time`). */
export const ApiTimestamp = ({ example = EXAMPLE.time, nullable = false, ...options }: FieldOptions = {}) =>
  ApiProperty({ type: String, format: 'date-time', example, nullable, ...options });
