import type { Service } from '../support/services';

/** Ids the suite creates before it starts (an owned session and cycle) and ids that exist nowhere. */
export interface RouteIds {
  sessionId: string;
  cycleId: string;
  membershipId: string;
  /** The conversation of the cycle's issue_raising component (created on component.started). */
  conversationId: string;
}

/**
 * One route of a service as the bad-input suite drives it: a request that would be valid, and which of its body
 * fields hold free text. The generated cases (bad-input.e2e.spec.ts) mutate it: unknown and prototype-named fields,
 * refused text in each text field, wrong types, other content types, non-ids in the path.
 * The notifier's one-click unsubscribe routes take a form body and a token instead: UNSUBSCRIBE_ROUTES.
 */
export interface BadInputRoute {
  service: Service;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: (ids: RouteIds, id?: string) => string;
  /** A valid body (undefined: the route takes none). */
  body?: (ids: RouteIds) => Record<string, unknown>;
  /** Dotted paths of free-text fields in the body. */
  text?: string[];
  /** Top-level body fields that may be absent (`null` counts as absent for them). */
  optional?: string[];
  /** The path has an id parameter that `path(ids, badId)` replaces. */
  idParam?: boolean;
  /** The field a 400 names for a bad id (default `id`). */
  idField?: string;
  /** Accept header (default application/json); text/event-stream asks for the streamed reply. */
  accept?: string;
  admin?: boolean;
}

const CONSEQUENCES_OUTPUT = { alternative_ids: ['a1', 'a2'], objective_ids: ['o1'], cells: { 'a1:o1': { rating: 1, rationale: 'Cheaper rent near the coast' } } };

export const ROUTES: BadInputRoute[] = [
  // session-cycle (API.md)
  { service: 'session-cycle', method: 'POST', path: () => '/api/sessions', body: () => ({ title: 'Which job offer?', description: 'Two offers, one city' }), text: ['title', 'description'], optional: ['description'] },
  { service: 'session-cycle', method: 'GET', path: (ids, id) => `/api/sessions/${id ?? ids.sessionId}`, idParam: true },
  { service: 'session-cycle', method: 'PATCH', path: (ids, id) => `/api/sessions/${id ?? ids.sessionId}`, body: () => ({ title: 'Renamed decision' }), text: ['title'], idParam: true },
  { service: 'session-cycle', method: 'POST', path: (ids, id) => `/api/sessions/${id ?? ids.sessionId}/archive`, idParam: true },
  { service: 'session-cycle', method: 'POST', path: (ids, id) => `/api/sessions/${id ?? ids.sessionId}/cycles`, idParam: true },
  { service: 'session-cycle', method: 'GET', path: (ids, id) => `/api/cycles/${id ?? ids.cycleId}`, idParam: true },
  { service: 'session-cycle', method: 'POST', path: (ids, id) => `/api/cycles/${id ?? ids.cycleId}/branch`, body: () => ({ branch_point: 'issue_raising' }), idParam: true },
  { service: 'session-cycle', method: 'POST', path: (ids, id) => `/api/cycles/${id ?? ids.cycleId}/archive`, idParam: true },
  { service: 'session-cycle', method: 'POST', path: (ids, id) => `/api/cycles/${id ?? ids.cycleId}/complete`, idParam: true },
  { service: 'session-cycle', method: 'POST', path: (ids, id) => `/api/cycles/${id ?? ids.cycleId}/components/issue_raising/start`, idParam: true },
  {
    service: 'session-cycle',
    method: 'PUT',
    path: (ids, id) => `/api/cycles/${id ?? ids.cycleId}/components/consequences/output`,
    body: () => ({ output: structuredClone(CONSEQUENCES_OUTPUT) }),
    text: ['output.cells.a1:o1.rationale', 'output.alternative_ids.0'],
    idParam: true,
  },
  { service: 'session-cycle', method: 'POST', path: (ids, id) => `/api/cycles/${id ?? ids.cycleId}/components/issue_raising/complete`, idParam: true },
  { service: 'session-cycle', method: 'POST', path: (ids, id) => `/api/cycles/${id ?? ids.cycleId}/components/objectives/revise`, body: () => ({ reason: 'New information came in' }), text: ['reason'], idParam: true },
  { service: 'session-cycle', method: 'POST', path: () => '/api/memberships', body: () => ({ tier: 'annual' }) },
  { service: 'session-cycle', method: 'POST', path: (ids, id) => `/api/memberships/${id ?? ids.membershipId}/upgrade`, body: () => ({ tier: 'annual' }), idParam: true },
  { service: 'session-cycle', method: 'POST', path: (ids, id) => `/api/memberships/${id ?? ids.membershipId}/cancel`, body: () => ({ reason: 'Found what I needed' }), text: ['reason'], optional: ['reason'], idParam: true },
  // dashboard-projector
  { service: 'dashboard-projector', method: 'GET', path: () => '/api/dashboard/overview' },
  { service: 'dashboard-projector', method: 'GET', path: (ids, id) => `/api/dashboard/sessions/${id ?? ids.sessionId}`, idParam: true },
  { service: 'dashboard-projector', method: 'GET', path: (ids, id) => `/api/dashboard/cycles/${id ?? ids.cycleId}/components/objectives`, idParam: true },
  { service: 'dashboard-projector', method: 'GET', path: (ids, id) => `/api/dashboard/cycles/compare?ids=${id ?? ids.cycleId},${ids.cycleId.replace(/.$/, '0')}` },
  // notifier preferences (its unsubscribe routes: UNSUBSCRIBE_ROUTES)
  { service: 'notifier', method: 'GET', path: () => '/api/notifications/preferences' },
  { service: 'notifier', method: 'PUT', path: () => '/api/notifications/preferences', body: () => ({ cycle_summaries: false }) },
  // conversation (API.md): the list by cycle and component, one conversation, a message (JSON and streamed), a retried reply
  {
    service: 'conversation',
    method: 'GET',
    path: (ids, id) => `/api/conversations?cycle_id=${id ?? ids.cycleId}&component_type=issue_raising`,
    idParam: true,
    idField: 'cycle_id',
  },
  { service: 'conversation', method: 'GET', path: (ids, id) => `/api/conversations/${id ?? ids.conversationId}`, idParam: true },
  { service: 'conversation', method: 'POST', path: (ids, id) => `/api/conversations/${id ?? ids.conversationId}/messages`, body: () => ({ content: 'Our lease ends in June' }), text: ['content'], idParam: true },
  {
    service: 'conversation',
    method: 'POST',
    path: (ids, id) => `/api/conversations/${id ?? ids.conversationId}/messages`,
    body: () => ({ content: 'Stream the answer please' }),
    text: ['content'],
    idParam: true,
    accept: 'text/event-stream',
  },
  { service: 'conversation', method: 'POST', path: (ids, id) => `/api/conversations/${id ?? ids.conversationId}/reply`, idParam: true },
];

/** The notifier's RFC 8058 one-click unsubscribe (no login; the signed token in the query is the authority). */
export const UNSUBSCRIBE_ROUTES: { method: 'GET' | 'POST'; path: (token: string) => string }[] = [
  { method: 'GET', path: (token) => `/api/notifications/unsubscribe?token=${encodeURIComponent(token)}` },
  { method: 'POST', path: (token) => `/api/notifications/unsubscribe?token=${encodeURIComponent(token)}` },
];
/** The fixed one-click body (RFC 8058 section 3.1). */
export const ONE_CLICK_BODY = 'List-Unsubscribe=One-Click';

/** Every consuming service's dead-letter admin routes (API.md "Admin"). */
export const CONSUMING_SERVICES: Service[] = ['session-cycle', 'conversation', 'dashboard-projector', 'analysis-worker', 'notifier', 'ws-gateway'];

export const ADMIN_ROUTES: BadInputRoute[] = CONSUMING_SERVICES.flatMap((service): BadInputRoute[] => [
  { service, method: 'GET', path: (_ids, id) => `/admin/dead-letters/${id ?? '1'}`, idParam: true, admin: true },
  { service, method: 'POST', path: (_ids, id) => `/admin/dead-letters/${id ?? '1'}/replay`, idParam: true, admin: true },
  { service, method: 'DELETE', path: (_ids, id) => `/admin/dead-letters/${id ?? '1'}`, idParam: true, admin: true },
]);
