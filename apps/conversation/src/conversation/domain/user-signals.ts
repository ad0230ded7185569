/**
 * What a user message says about the conversation itself, read from the user's own words only (never from a
 * model's reply, so nothing a model writes can confirm or finish a step).
 */
const DONE = /^(done|i'?m done|that'?s (all|it|everything)|nothing (else|more)|finished|ready|go ahead|extract( it)?|propose( it)?)[.!]*$/i;
const CONFIRM = /^(yes|yep|yeah|y|ok(ay)?|confirm(ed)?|correct|that'?s (right|correct)|looks (good|right|fine)|save( it)?|approved?|agreed?|perfect)([.!,]| please| thanks?| thank you)*$/i;

function lastLine(text: string): string {
  const lines = text.trim().split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
  return lines.at(-1) ?? '';
}

/** The user says they have said everything (on its own, or as the message's last line). */
export function signalsDone(text: string): boolean {
  return DONE.test(text.trim()) || DONE.test(lastLine(text));
}

/** The user accepts the proposed output: the whole message is a short confirmation. */
export function signalsConfirmation(text: string): boolean {
  return CONFIRM.test(text.trim());
}

/** A message that carries nothing but a signal: it adds no content to the extraction. */
export function isOnlySignal(text: string): boolean {
  const trimmed = text.trim();
  return DONE.test(trimmed) || CONFIRM.test(trimmed);
}
