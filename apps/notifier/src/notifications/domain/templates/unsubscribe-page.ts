import { html } from './markup';

/** The page behind the unsubscribe link in a summary's footer: a person confirms with a button (a GET never unsubscribes). */
export function unsubscribePage(state: 'confirm' | 'done' | 'invalid', actionUrl: string): string {
  const content = {
    confirm: html`<h1>Stop cycle summaries?</h1><p>You will no longer get an email when you complete a cycle. Membership emails are not affected.</p>
<form method="post" action="${actionUrl}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form>`,
    done: html`<h1>You are unsubscribed</h1><p>You will no longer get cycle summaries. You can turn them on again in your notification preferences.</p>`,
    invalid: html`<h1>This link does not work</h1><p>The unsubscribe link is invalid or has expired. You can turn cycle summaries off in your notification preferences.</p>`,
  }[state];
  return html`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><meta name="robots" content="noindex"><title>Choice Sherpa notifications</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;max-width:560px;margin:40px auto;padding:0 16px;color:#222222">${content}</body></html>
`.value;
}
