import { COMPONENT_TYPES } from '@choice-sherpa/events/outputs';
import { SAMPLE_OUTPUTS } from '@choice-sherpa/events/outputs/testing';
import { InvalidOutputError } from '../../shared/domain/domain-errors';
import { parseComponentOutput } from './parse-component-output';

describe.each(COMPONENT_TYPES)('parseComponentOutput(%s)', (type) => {
  it('returns the clean output of a valid one', () => {
    expect(parseComponentOutput(type, SAMPLE_OUTPUTS[type])).toEqual(SAMPLE_OUTPUTS[type]);
  });

  it('throws INVALID_OUTPUT with the field details', () => {
    try {
      parseComponentOutput(type, { ...SAMPLE_OUTPUTS[type], extra_field: 1 }, 'output');
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidOutputError);
      expect((error as InvalidOutputError).code).toBe('INVALID_OUTPUT');
      expect((error as InvalidOutputError).kind).toBe('validation');
      expect((error as InvalidOutputError).details).toContainEqual({ field: 'output.extra_field', message: 'unknown field' });
    }
  });
});
