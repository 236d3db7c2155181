import { escapeHtml, html, Raw } from '../../src/http/html';

describe('html', () => {
  it('escapes the five characters that matter in content and quoted attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('escapes interpolated values but not nested html fragments', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p>${inner}${'"'}</p>`.value).toBe('<p><b>&lt;i&gt;</b>&quot;</p>');
  });

  it('joins arrays and drops undefined, null and false', () => {
    expect(html`${['<', html`<br>`]}${undefined}${null}${false}${0}`.value).toBe('&lt;<br>0');
    expect(new Raw('<x>').toString()).toBe('<x>');
  });
});
