import { fileNameOf } from '../../src/client/content-disposition';

describe('fileNameOf', () => {
  it.each([
    ['attachment; filename="report.pdf"', 'report.pdf'],
    ['attachment; filename=report.pdf', 'report.pdf'],
    ['attachment; filename="fallback.txt"; filename*=UTF-8\'\'%D0%BE%D1%82%D1%87%D1%91%D1%82.txt', 'отчёт.txt'],
    ["attachment; filename*=utf-8'en'na%C3%AFve.txt", 'naïve.txt'],
    ['attachment; filename="say \\"hi\\".txt"', 'say _hi_.txt'], // a quote, forbidden on Windows, saved as _
    ['inline; FILENAME="Upper.TXT"', 'Upper.TXT'],
  ])('reads %s as %s', (header, name) => {
    expect(fileNameOf(header)).toBe(name);
  });

  it('falls back to filename= when filename* is not UTF-8 or not decodable', () => {
    expect(fileNameOf('attachment; filename*=ISO-8859-1\'\'caf%E9.txt; filename="cafe.txt"')).toBe('cafe.txt');
    expect(fileNameOf('attachment; filename*=UTF-8\'\'bad%E9.txt; filename="good.txt"')).toBe('good.txt');
  });

  it('keeps only the base name, without control characters: the name comes from whoever uploaded the file', () => {
    expect(fileNameOf('attachment; filename="../../etc/passwd"')).toBe('passwd');
    expect(fileNameOf('attachment; filename="C:\\\\Windows\\\\win.ini"')).toBe('win.ini');
    expect(fileNameOf("attachment; filename*=UTF-8''a%0D%0Ab%00.txt")).toBe('ab.txt');
  });

  it('is undefined when no usable name is given', () => {
    expect(fileNameOf(undefined)).toBeUndefined();
    expect(fileNameOf('attachment')).toBeUndefined();
    expect(fileNameOf('attachment; filename=""')).toBeUndefined();
    expect(fileNameOf('attachment; filename="../"')).toBeUndefined();
    expect(fileNameOf('attachment; filename=".."')).toBeUndefined();
  });

  describe('makes a name safe to save on any system', () => {
    const named = (name: string): string | undefined => fileNameOf(`attachment; filename*=UTF-8''${encodeURIComponent(name)}`);

    it('drops bidi overrides and zero-width characters, so the name reads as what it is', () => {
      expect(named('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
      expect(named('re\u200Bport\u2066.pdf\u2069\uFEFF')).toBe('report.pdf');
      expect(named('a\u001b[2Kb\u007f.txt')).toBe('a[2Kb.txt');
    });

    it.each([
      ['C:evil.exe', 'C_evil.exe'],
      ['a.txt:hidden', 'a.txt_hidden'],
      ['a<b>c|d?e*f".txt', 'a_b_c_d_e_f_.txt'],
      ['CON', '_CON'],
      ['nul.txt', '_nul.txt'],
      ['COM1.log', '_COM1.log'],
      ['Lpt9', '_Lpt9'],
      ['com\u00b9.txt', '_com\u00b9.txt'],
      ['report.pdf. . ', 'report.pdf'],
      ['  spaced.txt', 'spaced.txt'],
      ['CONSOLE.txt', 'CONSOLE.txt'],
    ])('turns the Windows form %j into %j', (name, safe) => {
      expect(named(name)).toBe(safe);
    });

    it('cuts a long name to 200 UTF-8 bytes, keeping its extension', () => {
      const latin = named(`${'a'.repeat(1000)}.pdf`) ?? '';
      expect(latin).toBe(`${'a'.repeat(196)}.pdf`);
      const wide = named(`${'\u6587'.repeat(300)}.docx`) ?? '';
      expect(Buffer.byteLength(wide)).toBeLessThanOrEqual(200);
      expect(wide).toMatch(/^\u6587+\.docx$/);
      const emoji = named(`${'\u{1F600}'.repeat(100)}.txt`) ?? '';
      expect(emoji).toMatch(/^(\u{1F600})+\.txt$/u);
      expect(Buffer.byteLength(emoji)).toBeLessThanOrEqual(200);
    });

    it('is undefined when nothing is left', () => {
      expect(named('\u202E\u200B')).toBeUndefined();
      expect(named('. . .')).toBeUndefined();
    });
  });
});
