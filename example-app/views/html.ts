/** HTML that is already safe to emit: produced by {@link html} or {@link raw}. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Marks trusted markup as safe. Only for constants written in this code base. */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

type Interpolation = string | number | SafeHtml | readonly Interpolation[] | undefined | null | false;

/**
 * Template tag: every interpolated value is escaped unless it is {@link SafeHtml}; arrays are joined; `undefined`,
 * `null` and `false` print nothing. The only way the app builds pages, so nothing reaches one unescaped.
 */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

function render(value: Interpolation): string {
  if (value === undefined || value === null || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}
