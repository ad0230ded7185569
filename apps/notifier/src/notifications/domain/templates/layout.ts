import { html, SafeHtml } from './markup';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export interface EmailBody {
  subject: string;
  /** Plain-text paragraphs (already plain lines). */
  paragraphs: string[];
  /** A call to action: shown as a button in HTML and as a URL in text. */
  action?: { label: string; url: string };
  /** The small print under the message (why you got it, how to stop it). */
  footer: { text: string; link?: { label: string; url: string } }[];
}

/** One layout for every email: the same content as text and as simple, inline-styled HTML. */
export function renderEmail(body: EmailBody): RenderedEmail {
  const text = [
    ...body.paragraphs,
    ...(body.action ? [`${body.action.label}: ${body.action.url}`] : []),
    '--',
    ...body.footer.map((line) => (line.link ? `${line.text} ${line.link.label}: ${line.link.url}` : line.text)),
  ].join('\n\n');
  const paragraphs = body.paragraphs.map((paragraph) => html`<p style="margin:0 0 16px">${paragraph}</p>`);
  const action = body.action
    ? html`<p style="margin:24px 0"><a href="${body.action.url}" style="background:#1f5f8b;color:#ffffff;padding:10px 18px;border-radius:4px;text-decoration:none">${body.action.label}</a></p>`
    : html``;
  const footer = body.footer.map((line) => html`<p style="margin:0 0 8px">${line.text}${line.link ? html` <a href="${line.link.url}" style="color:#555555">${line.link.label}</a>` : ''}</p>`);
  const page: SafeHtml = html`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${body.subject}</title></head>
<body style="margin:0;padding:24px;background:#f4f4f4;font-family:Arial,Helvetica,sans-serif;color:#222222">
<div style="max-width:560px;margin:0 auto;background:#ffffff;padding:24px;border-radius:6px">
${paragraphs}${action}
<div style="margin-top:32px;border-top:1px solid #dddddd;padding-top:16px;font-size:12px;color:#555555">${footer}</div>
</div></body></html>
`;
  return { subject: body.subject, text: `${text}\n`, html: page.value };
}
