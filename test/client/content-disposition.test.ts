import { fileNameOf } from '../../src/client/content-disposition';

describe('fileNameOf', () => {
  it.each([
    ['attachment; filename="report.pdf"', 'report.pdf'],
    ['attachment; filename=report.pdf', 'report.pdf'],
    ['attachment; filename="fallback.txt"; filename*=UTF-8\'\'%D0%BE%D1%82%D1%87%D1%91%D1%82.txt', 'отчёт.txt'],
    ["attachment; filename*=utf-8'en'na%C3%AFve.txt", 'naïve.txt'],
    ['attachment; filename="say \\"hi\\".txt"', 'say "hi".txt'],
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
});
