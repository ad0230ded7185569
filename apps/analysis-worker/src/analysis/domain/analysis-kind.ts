/** The two analyses and the component each is computed from. */
export const ANALYSIS_SOURCES = { consequences: 'pugh', decision_quality: 'dq' } as const;

export type AnalysedComponent = keyof typeof ANALYSIS_SOURCES;
export type AnalysisKind = (typeof ANALYSIS_SOURCES)[AnalysedComponent];

export function isAnalysedComponent(componentType: string): componentType is AnalysedComponent {
  return Object.prototype.hasOwnProperty.call(ANALYSIS_SOURCES, componentType);
}
