import {
  CompletionRuleError,
  CycleNotActiveError,
  InvalidOutputError,
  TierLimitError,
  ValidationError,
} from '../domain/domain-errors';
import { toApiError } from './domain-error.mapper';

describe('toApiError', () => {
  it('answers invalid output with 400 naming each field inside the request body\'s output', () => {
    const error = toApiError(new InvalidOutputError('consequences', [{ field: 'cells["a1:o1"].rating', message: 'must be at most 2' }]));

    expect(error.getStatus()).toBe(400);
    expect(error.toBody().error).toEqual({
      code: 'INVALID_OUTPUT',
      message: expect.stringContaining('rating'),
      details: [{ field: 'output.cells["a1:o1"].rating', problems: ['must be at most 2'] }],
    });
  });

  it('answers other validation with 400 and the field as the domain names it', () => {
    const error = toApiError(new ValidationError('title must not be blank', [{ field: 'title', message: 'must not be blank' }]));

    expect([error.getStatus(), error.toBody().error.details]).toEqual([400, [{ field: 'title', problems: ['must not be blank'] }]]);
  });

  it('answers tier limits with 403 TIER_LIMIT and {limit, current, max, required_tier}', () => {
    const error = toApiError(new TierLimitError({ limit: 'active_sessions', current: 3, max: 3, required_tier: 'monthly' }));

    expect(error.getStatus()).toBe(403);
    expect(error.toBody().error).toMatchObject({ code: 'TIER_LIMIT', details: [{ limit: 'active_sessions', current: 3, max: 3, required_tier: 'monthly' }] });
  });

  it('answers state refusals with 409 and their code', () => {
    expect([toApiError(new CycleNotActiveError('archived')).getStatus(), toApiError(new CycleNotActiveError('archived')).code]).toEqual([409, 'CYCLE_NOT_ACTIVE']);
    const completion = toApiError(new CompletionRuleError('objectives', ['at least 1 fundamental objective is needed']));
    expect(completion.getStatus()).toBe(409);
    expect(completion.toBody().error.details).toEqual([{ field: 'objectives', message: 'at least 1 fundamental objective is needed' }]);
  });
});
