/** A fragment already escaped (or built from escaped parts); everything else interpolated into `html` is escaped. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ENTITIES[char]);
}

type Interpolated = SafeHtml | string | number | readonly (SafeHtml | string)[];

/** `html\`<p>${title}</p>\`` escapes `title`; nested `html` fragments and arrays of them are kept as they are. */
export function html(strings: TemplateStringsArray, ...values: Interpolated[]): SafeHtml {
  let out = strings[0];
  values.forEach((value, index) => {
    out += render(value) + strings[index + 1];
  });
  return new SafeHtml(out);
}

function render(value: Interpolated): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map((item) => render(item)).join('');
  return escapeHtml(String(value));
}

// C0/C1 controls (line breaks included) and the bidirectional overrides and isolates, which can make a title read
// differently from what it is; zero-width characters are kept (some scripts need them).
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]+/g;

/** A user-supplied string (a title, an alternative's name) as one plain line: safe in a subject, text or HTML. */
export function plainLine(value: string, maxLength = 200): string {
  const line = value.replace(UNSAFE_CHARACTERS, ' ').replace(/\s+/g, ' ').trim();
  return line.length > maxLength ? `${line.slice(0, maxLength - 1).trimEnd()}…` : line;
}
