import type { MessageRole } from '@choice-sherpa/events/outputs';

export interface Message {
  id: string;
  role: MessageRole;
  content: string;
  created_at: string;
}

/** API.md: content is never blank and at most 8,000 characters. */
export const MAX_MESSAGE_CHARS = 8_000;

/** The first 100 characters (code points, so no surrogate pair is cut in half): what message_sent carries. */
export function contentPreview(content: string): string {
  return Array.from(content).slice(0, 100).join('');
}
