/** Every session-cycle route of API.md, with a valid body, for matrices that walk all of them. */
export interface RouteIds {
  sessionId: string;
  cycleId: string;
  membershipId: string;
}

export interface RouteCase {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  path: string;
  body?: unknown;
}

export function resourceRoutes(ids: RouteIds): RouteCase[] {
  const { sessionId, cycleId, membershipId } = ids;
  const component = (type: string) => `/api/cycles/${cycleId}/components/${type}`;
  return [
    { name: 'get session', method: 'GET', path: `/api/sessions/${sessionId}` },
    { name: 'rename session', method: 'PATCH', path: `/api/sessions/${sessionId}`, body: { title: 'Taken over' } },
    { name: 'archive session', method: 'POST', path: `/api/sessions/${sessionId}/archive` },
    { name: 'create cycle', method: 'POST', path: `/api/sessions/${sessionId}/cycles` },
    { name: 'get cycle', method: 'GET', path: `/api/cycles/${cycleId}` },
    { name: 'branch cycle', method: 'POST', path: `/api/cycles/${cycleId}/branch`, body: { branch_point: 'issue_raising' } },
    { name: 'archive cycle', method: 'POST', path: `/api/cycles/${cycleId}/archive` },
    { name: 'complete cycle', method: 'POST', path: `/api/cycles/${cycleId}/complete` },
    { name: 'start component', method: 'POST', path: `${component('problem_frame')}/start` },
    { name: 'write output', method: 'PUT', path: `${component('issue_raising')}/output`, body: { output: { objectives: ['mine now'] } } },
    { name: 'complete component', method: 'POST', path: `${component('issue_raising')}/complete` },
    { name: 'revise component', method: 'POST', path: `${component('issue_raising')}/revise`, body: { reason: 'because' } },
    { name: 'upgrade membership', method: 'POST', path: `/api/memberships/${membershipId}/upgrade`, body: { tier: 'annual' } },
    { name: 'cancel membership', method: 'POST', path: `/api/memberships/${membershipId}/cancel`, body: { reason: 'bye' } },
  ];
}
