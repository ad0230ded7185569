import { COMPONENT_TYPES, ComponentType } from '@choice-sherpa/events';
import type { UserClient } from './http-client';
import { VALID_OUTPUTS } from './outputs';

/** Asserts the status and returns the body, with the body in the failure message. */
export async function expectStatus<T = any>(status: number, call: Promise<{ status: number; body: T }>): Promise<T> {
  const response = await call;
  if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body;
}

export async function createSession(user: UserClient, title = 'Where should we live?'): Promise<string> {
  return (await expectStatus(201, user.post('/api/sessions', { title }))).id;
}

export async function createCycle(user: UserClient, sessionId: string): Promise<string> {
  return (await expectStatus(201, user.post(`/api/sessions/${sessionId}/cycles`))).id;
}

/** Start, fill with a valid output and complete one component. */
export async function workThrough(user: UserClient, cycleId: string, type: ComponentType): Promise<void> {
  const base = `/api/cycles/${cycleId}/components/${type}`;
  await expectStatus(200, user.post(`${base}/start`));
  await expectStatus(200, user.put(`${base}/output`, { output: VALID_OUTPUTS[type] }));
  await expectStatus(200, user.post(`${base}/complete`));
}

/** Works through every component up to and including `last`. */
export async function workThroughUntil(user: UserClient, cycleId: string, last: ComponentType): Promise<void> {
  for (const type of COMPONENT_TYPES.slice(0, COMPONENT_TYPES.indexOf(last) + 1)) await workThrough(user, cycleId, type);
}

export async function subscribe(user: UserClient, tier: 'monthly' | 'annual'): Promise<string> {
  return (await expectStatus(201, user.post('/api/memberships', { tier }))).id;
}
