import { cycleSummaryEmail } from './cycle-summary.template';
import { escapeHtml, html, plainLine } from './markup';
import { cancelledEmail, upgradedEmail, welcomeEmail } from './membership.templates';
import { unsubscribePage } from './unsubscribe-page';

const view = {
  sessionTitle: 'Job A or job B?',
  dqScore: 64,
  pugh: { best: { id: 'b', name: 'Job B' } },
  dashboardUrl: 'https://app.test/sessions/s1?cycle=c1',
  unsubscribeUrl: 'https://app.test/api/notifications/unsubscribe?token=t.o.k',
};

describe('email templates', () => {
  it('escape every interpolated value in HTML and keep nested fragments', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(html`<p>${'<script>'}</p>${html`<b>${'&'}</b>`}`.value).toBe('<p>&lt;script&gt;</p><b>&amp;</b>');
  });

  it('turn user strings into one safe line: no line breaks, controls or bidi overrides, bounded', () => {
    expect(plainLine('Rent\r\nBcc: evil@example.com\u202e')).toBe('Rent Bcc: evil@example.com');
    expect(plainLine('x'.repeat(300), 10)).toBe(`${'x'.repeat(9)}…`);
    expect(plainLine('  zero\u200bwidth  kept ')).toBe('zero\u200bwidth kept');
  });

  it('render the summary as text and HTML with the same facts', () => {
    const email = cycleSummaryEmail({ ...view, sessionTitle: 'A <b> & "B"\nSubject: x' });
    expect(email.subject).toBe('Your decision summary: A <b> & "B" Subject: x');
    expect(email.text).toContain('Decision quality: 64 out of 100');
    expect(email.text).toContain('Best alternative by the Pugh analysis: Job B.');
    expect(email.text).toContain(`Open the dashboard: ${view.dashboardUrl}`);
    expect(email.text).toContain(`Unsubscribe: ${view.unsubscribeUrl}`);
    expect(email.html).toContain('A &lt;b&gt; &amp; &quot;B&quot; Subject: x');
    expect(email.html).toContain(`href="${view.dashboardUrl}"`);
    expect(email.html).toContain(`href="${view.unsubscribeUrl}"`);
    expect(email.html).not.toMatch(/<b>/);
  });

  it('shows the id when the best alternative has no known name, and a generic subject without a title', () => {
    const email = cycleSummaryEmail({ ...view, sessionTitle: null, pugh: { best: { id: 'alt-7', name: null } } });
    expect(email.subject).toBe('Your decision summary');
    expect(email.text).toContain('Best alternative by the Pugh analysis: alt-7.');
  });

  it('render the membership emails with tier names and the cancellation day', () => {
    const links = { appUrl: 'https://app.test/' };
    expect(welcomeEmail({ tier: 'annual' }, links).text).toContain('Your Annual membership is active.');
    expect(upgradedEmail({ old_tier: 'free', new_tier: 'monthly' }, links).subject).toBe('Your Choice Sherpa membership is now Monthly');
    expect(cancelledEmail({ cancelled_at: '2026-02-28T23:59:59.000Z' }, links).text).toContain('cancelled on 28 February 2026');
  });

  it('escape the action URL of the unsubscribe page', () => {
    expect(unsubscribePage('confirm', '/u?token=a"><script>')).toContain('action="/u?token=a&quot;&gt;&lt;script&gt;"');
  });
});
