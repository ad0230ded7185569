import { EmailBody, renderEmail, RenderedEmail } from './layout';

const TIER_NAMES: Record<string, string> = { free: 'Free', monthly: 'Monthly', annual: 'Annual' };
const tierName = (tier: string) => TIER_NAMES[tier] ?? tier;

export interface MembershipLinks {
  /** The web app: where the user continues. */
  appUrl: string;
}

const transactionalFooter = (links: MembershipLinks): EmailBody['footer'] => [
  { text: 'You receive this email because of a change to your Choice Sherpa membership.', link: { label: 'Open Choice Sherpa', url: links.appUrl } },
];

export function welcomeEmail(facts: { tier: string }, links: MembershipLinks): RenderedEmail {
  return renderEmail({
    subject: 'Welcome to Choice Sherpa',
    paragraphs: [
      'Welcome to Choice Sherpa.',
      `Your ${tierName(facts.tier)} membership is active. Choice Sherpa guides you through one hard decision at a time: framing the problem, your objectives, the alternatives and their consequences, up to a recommendation you can commit to.`,
    ],
    action: { label: 'Start a decision', url: links.appUrl },
    footer: transactionalFooter(links),
  });
}

export function upgradedEmail(facts: { old_tier: string; new_tier: string }, links: MembershipLinks): RenderedEmail {
  return renderEmail({
    subject: `Your Choice Sherpa membership is now ${tierName(facts.new_tier)}`,
    paragraphs: [
      `Your membership has been upgraded from ${tierName(facts.old_tier)} to ${tierName(facts.new_tier)}.`,
      'The new limits and features apply from now on.',
    ],
    action: { label: 'Open Choice Sherpa', url: links.appUrl },
    footer: transactionalFooter(links),
  });
}

export function cancelledEmail(facts: { cancelled_at: string }, links: MembershipLinks): RenderedEmail {
  const day = new Date(facts.cancelled_at).toLocaleDateString('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });
  return renderEmail({
    subject: 'Your Choice Sherpa membership has been cancelled',
    paragraphs: [
      `Your membership was cancelled on ${day}.`,
      'Your sessions stay available with the Free tier\'s limits. You can start a new membership at any time.',
    ],
    footer: transactionalFooter(links),
  });
}
