import type { ComponentType } from '@choice-sherpa/events/outputs';
import type { Extractor } from '../extraction-kit';
import { alternativesExtractor } from './alternatives.extractor';
import { consequencesExtractor } from './consequences.extractor';
import { decisionQualityExtractor } from './decision-quality.extractor';
import { issueRaisingExtractor } from './issue-raising.extractor';
import { notesNextStepsExtractor } from './notes-next-steps.extractor';
import { objectivesExtractor } from './objectives.extractor';
import { problemFrameExtractor } from './problem-frame.extractor';
import { recommendationExtractor } from './recommendation.extractor';
import { tradeoffsExtractor } from './tradeoffs.extractor';

export const EXTRACTORS: Record<ComponentType, Extractor> = {
  issue_raising: issueRaisingExtractor,
  problem_frame: problemFrameExtractor,
  objectives: objectivesExtractor,
  alternatives: alternativesExtractor,
  consequences: consequencesExtractor,
  tradeoffs: tradeoffsExtractor,
  recommendation: recommendationExtractor,
  decision_quality: decisionQualityExtractor,
  notes_next_steps: notesNextStepsExtractor,
};
