import fc from 'fast-check';
import { InvalidAnalysisInputError } from '../analysis-error';
import { assessDecisionQuality, DqElement, improvementPriority } from './dq-assessment';

const SEVEN = [
  'Helpful Problem Frame',
  'Clear Objectives',
  'Creative Alternatives',
  'Reliable Consequence Information',
  'Logically Correct Reasoning',
  'Clear Tradeoffs',
  'Commitment to Follow Through',
];
const scored = (scores: number[]): DqElement[] => scores.map((score, i) => ({ name: SEVEN[i], score }));

describe('decision quality assessment', () => {
  it('a worked example: the weakest element is the overall score and decides acceptability; each element gets its priority', () => {
    const result = assessDecisionQuality(scored([90, 85, 60, 75, 88, 80, 95]));
    expect(result.overallScore).toBe(60);
    expect(result.acceptable).toBe(false);
    expect(result.elements.map((e) => [e.name, e.score, e.priority])).toEqual([
      ['Helpful Problem Frame', 90, 'low'],
      ['Clear Objectives', 85, 'low'],
      ['Creative Alternatives', 60, 'medium'],
      ['Reliable Consequence Information', 75, 'low'],
      ['Logically Correct Reasoning', 88, 'low'],
      ['Clear Tradeoffs', 80, 'low'],
      ['Commitment to Follow Through', 95, 'low'],
    ]);
  });

  it('acceptable when every element is at least 80, 80 itself included', () => {
    expect(assessDecisionQuality(scored([80, 80, 80, 80, 80, 80, 80]))).toMatchObject({ overallScore: 80, acceptable: true });
    expect(assessDecisionQuality(scored([100, 100, 100, 100, 100, 100, 79]))).toMatchObject({ overallScore: 79, acceptable: false });
  });

  it('scores at the bounds: 0 and 100', () => {
    expect(assessDecisionQuality(scored([0, 100]))).toMatchObject({ overallScore: 0, acceptable: false });
    expect(assessDecisionQuality(scored([100]))).toMatchObject({ overallScore: 100, acceptable: true });
  });

  it('no elements: overall 0, not acceptable', () => {
    expect(assessDecisionQuality([])).toEqual({ elements: [], overallScore: 0, acceptable: false });
  });

  it.each([
    [0, 'critical'], [30, 'critical'], [31, 'high'], [50, 'high'], [51, 'medium'], [70, 'medium'], [71, 'low'], [100, 'low'],
  ] as const)('a score of %i is %s priority', (score, priority) => {
    expect(improvementPriority(score)).toBe(priority);
  });

  it.each([-1, 101, 79.5, Number.NaN])('refuses a score of %s', (score) => {
    expect(() => assessDecisionQuality([{ name: 'Clear Objectives', score }])).toThrow(InvalidAnalysisInputError);
  });

  it('refuses an element twice or without a name', () => {
    expect(() => assessDecisionQuality(scored([90, 90]).map((e) => ({ ...e, name: 'Clear Objectives' })))).toThrow(/^elements: an element occurs twice/);
    expect(() => assessDecisionQuality([{ name: '', score: 50 }])).toThrow(/^elements: an element has no name/);
  });

  describe('properties', () => {
    const elements = fc
      .uniqueArray(fc.constantFrom(...SEVEN), { maxLength: 7 })
      .chain((names) => fc.tuple(...names.map((name) => fc.integer({ min: 0, max: 100 }).map((score) => ({ name, score })))));

    it('the overall score is one of the element scores and no element is below it', () => {
      fc.assert(fc.property(elements.filter((e) => e.length > 0), (list) => {
        const { overallScore } = assessDecisionQuality(list);
        return list.some((e) => e.score === overallScore) && list.every((e) => e.score >= overallScore);
      }));
    });

    it('acceptable exactly when there are elements and the overall score is at least 80', () => {
      fc.assert(fc.property(elements, (list) => assessDecisionQuality(list).acceptable === (list.length > 0 && list.every((e) => e.score >= 80))));
    });

    it('does not depend on the order of the elements, except that it keeps it', () => {
      fc.assert(fc.property(elements.chain((list) => fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length }))), ([list, shuffled]) => {
        const a = assessDecisionQuality(list);
        const b = assessDecisionQuality(shuffled);
        expect(b.overallScore).toBe(a.overallScore);
        expect(b.acceptable).toBe(a.acceptable);
        expect(b.elements.map((e) => e.name)).toEqual(shuffled.map((e) => e.name));
      }));
    });

    it('a higher score never has a more urgent priority', () => {
      const urgency = { critical: 3, high: 2, medium: 1, low: 0 };
      fc.assert(fc.property(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), (x, y) => {
        const [low, high] = x <= y ? [x, y] : [y, x];
        return urgency[improvementPriority(high)] <= urgency[improvementPriority(low)];
      }));
    });
  });
});
