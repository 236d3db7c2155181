const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** A template tag that escapes every interpolated value unless it is {@link Raw} HTML made by this module. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Raw {
  let out = '';
  strings.forEach((text, i) => {
    if (i > 0) out += render(values[i - 1]);
    out += text;
  });
  return new Raw(out);
}

/** What {@link html} interpolates: text and numbers (escaped), {@link Raw} HTML, lists of them; nothing for `undefined`, `null` and `false`. */
export type HtmlValue = string | number | boolean | null | undefined | Raw | readonly HtmlValue[];

/** HTML that is already safe. Only {@link html} should make one. */
export class Raw {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

function render(value: HtmlValue): string {
  if (value instanceof Raw) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === undefined || value === null || value === false) return '';
  return escapeHtml(String(value));
}
