import { InvalidAnalysisInputError } from '../analysis-error';

export const DQ_SCORE_MIN = 0;
export const DQ_SCORE_MAX = 100;
/** Every element at least this: the decision quality is acceptable. */
export const DQ_ACCEPTABLE_SCORE = 80;

export type ImprovementPriority = 'critical' | 'high' | 'medium' | 'low';

/** One element of decision quality as the user scored it, 0..100. */
export interface DqElement {
  name: string;
  score: number;
}

export interface AssessedDqElement extends DqElement {
  priority: ImprovementPriority;
}

export interface DqAssessment {
  /** In the order given. */
  elements: AssessedDqElement[];
  /** The weakest element's score; 0 when there are none. */
  overallScore: number;
  /** Every element scores at least 80 (and there is at least one). */
  acceptable: boolean;
}

/** DOMAIN.md: 0-30 critical, 31-50 high, 51-70 medium, 71+ low. */
export function improvementPriority(score: number): ImprovementPriority {
  if (score <= 30) return 'critical';
  if (score <= 50) return 'high';
  if (score <= 70) return 'medium';
  return 'low';
}

export function assessDecisionQuality(elements: readonly DqElement[]): DqAssessment {
  const names = new Set<string>();
  for (const { name, score } of elements) {
    if (name.length === 0) throw new InvalidAnalysisInputError('elements', 'an element has no name');
    if (names.has(name)) throw new InvalidAnalysisInputError('elements', 'an element occurs twice');
    if (!Number.isInteger(score) || score < DQ_SCORE_MIN || score > DQ_SCORE_MAX) {
      throw new InvalidAnalysisInputError('elements', `a score is not an integer in ${DQ_SCORE_MIN}..${DQ_SCORE_MAX}`);
    }
    names.add(name);
  }
  const overallScore = elements.length === 0 ? 0 : Math.min(...elements.map((e) => e.score));
  return {
    elements: elements.map(({ name, score }) => ({ name, score, priority: improvementPriority(score) })),
    overallScore,
    acceptable: elements.length > 0 && overallScore >= DQ_ACCEPTABLE_SCORE,
  };
}
