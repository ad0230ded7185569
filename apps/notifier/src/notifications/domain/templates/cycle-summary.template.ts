import { renderEmail, RenderedEmail } from './layout';
import { plainLine } from './markup';

export interface CycleSummaryView {
  /** null when the session's title is not known (yet). */
  sessionTitle: string | null;
  dqScore: number | null;
  /** The Pugh result: the best alternative (with its name when known), a tie, or nothing computed. */
  pugh: { best: { id: string; name: string | null } } | { best: null } | null;
  dashboardUrl: string;
  unsubscribeUrl: string;
}

export function cycleSummaryEmail(view: CycleSummaryView): RenderedEmail {
  const title = view.sessionTitle === null ? null : plainLine(view.sessionTitle, 120);
  const paragraphs = [
    title ? `You completed a cycle of your decision "${title}".` : 'You completed a cycle of your decision.',
    view.dqScore === null
      ? 'Decision quality: not scored for this cycle.'
      : `Decision quality: ${view.dqScore} out of 100 (the score of your weakest element).`,
  ];
  if (view.pugh?.best) paragraphs.push(`Best alternative by the Pugh analysis: ${plainLine(view.pugh.best.name ?? view.pugh.best.id, 100)}.`);
  else if (view.pugh) paragraphs.push('The Pugh analysis found no single best alternative: the top scores are tied.');
  return renderEmail({
    subject: title ? `Your decision summary: ${title}` : 'Your decision summary',
    paragraphs,
    action: { label: 'Open the dashboard', url: view.dashboardUrl },
    footer: [
      { text: 'You receive this summary because you completed a cycle in Choice Sherpa.' },
      { text: 'No more cycle summaries?', link: { label: 'Unsubscribe', url: view.unsubscribeUrl } },
    ],
  });
}
