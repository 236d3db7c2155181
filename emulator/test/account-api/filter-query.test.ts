import { ApiError } from '../../src/errors/api-error';
import { compileFilter, type FilterFieldType } from '../../src/account-api/filter-query';

type Row = { id: number; name: string; day: string };
const FIELDS = new Map<string, FilterFieldType>([
  ['id', 'int'],
  ['name', 'string'],
  ['dateadd', 'date'],
]);
const ROWS: Row[] = [
  { id: 1, name: 'Alpha release', day: '2024-01-05' },
  { id: 2, name: 'Beta', day: '2024-02-10' },
  { id: 3, name: 'Gamma release', day: '2024-03-15' },
];
const select = (text: string) =>
  ROWS.filter(compileFilter<Row>(text, FIELDS, (r, f) => (f === 'id' ? r.id : f === 'name' ? r.name : r.day))).map((r) => r.id);

describe('compileFilter', () => {
  it('reads comparisons, has, in, and/or with parentheses, with and binding tighter than or', () => {
    expect(select("name has 'RELEASE'")).toEqual([1, 3]);
    expect(select('id in (1, 2)')).toEqual([1, 2]);
    expect(select("dateadd > '01.02.2024' and name has 'release'")).toEqual([3]);
    expect(select("id = 1 or id = 2 and name = 'Gamma release'")).toEqual([1]);
    expect(select("(id = 1 or id = 2) and dateadd >= '10.02.2024'")).toEqual([2]);
    expect(select('id != 2')).toEqual([1, 3]);
  });

  it.each([
    ["name has 'x' and", 'unexpected end'],
    ["colour = 'red'", 'unknown field'],
    ["dateadd > '2024-01-01'", 'DD.MM.YYYY'],
    ['id has 1', '"has" needs a text field'],
    ["id = 'x'", 'expected a number'],
    ['((((((((((((((((((((((id = 1))))))))))))))))))))))', 'nested too deeply'],
    ['id = 1 id = 2', 'unexpected "id"'],
    ['id ~ 1', 'cannot read'],
  ])('refuses %s as field filter (%s)', (text, why) => {
    let error: unknown;
    try {
      select(text);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).statusCode).toBe(10);
    expect((error as ApiError).reason).toContain(why);
  });
});
