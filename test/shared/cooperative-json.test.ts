import { parseJsonCooperatively } from '../../src/shared/cooperative-json';
import { parseJson } from '../../src/shared/safe-json';

function bigList(count: number): string {
  const task = (i: number) => ({
    id: String(i),
    name: `Task "${i}" \\ with escapes \u00e9 ${'x'.repeat(i % 7)}`,
    tags: [1, 2.5e3, -0.5, true, null, { nested: [i, { deep: 'yes' }] }],
    text: 'Text of the task. '.repeat(20),
  });
  return JSON.stringify({ status: 'ok', data: Array.from({ length: count }, (_, i) => task(i)), total: count });
}

describe('parseJsonCooperatively', () => {
  it('gives what parseJson gives, for a list of several MiB, with spaces and escapes', async () => {
    const text = bigList(12_000);
    expect(text.length).toBeGreaterThan(4 * 1024 * 1024);
    expect(await parseJsonCooperatively(text)).toEqual(parseJson(text));
    const spaced = JSON.stringify(JSON.parse(text), null, 2);
    expect(await parseJsonCooperatively(spaced)).toEqual(parseJson(spaced));
  });

  it('gives the event loop turns while it parses a large text', async () => {
    const text = bigList(40_000);
    let turns = 0;
    let running = true;
    const tick = (): void => {
      turns++;
      if (running) setImmediate(tick);
    };
    setImmediate(tick);
    const parsing = parseJsonCooperatively(text);
    await parsing;
    running = false;
    expect(turns).toBeGreaterThan(1);
  });

  it('drops __proto__ keys and returns objects without a prototype, at every level', async () => {
    const member = '{"__proto__":{"x":1},"a":"b"}';
    const text = `{"__proto__":{"polluted":1},"data":[${Array.from({ length: 40_000 }, () => member).join(',')}]}`;
    const value = (await parseJsonCooperatively(text)) as { data: Array<Record<string, unknown>> };
    expect(Object.getPrototypeOf(value)).toBeNull();
    expect(Object.keys(value)).toEqual(['data']);
    expect(Object.getPrototypeOf(value.data[0])).toBeNull();
    expect(Object.keys(value.data[0]!)).toEqual(['a']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['cut short', (t: string) => t.slice(0, -10)],
    ['a missing comma', (t: string) => t.replace('},{', '}{')],
    ['trailing text', (t: string) => `${t} x`],
    ['an unterminated string', (t: string) => t.replace(/"total":\d+/, '"total":"12')],
    ['a bad number', (t: string) => t.replace('"total":', '"total":01')],
  ])('rejects text that is not JSON (%s) with a SyntaxError', async (_label, spoil) => {
    await expect(parseJsonCooperatively(spoil(bigList(6_000)))).rejects.toThrow(SyntaxError);
  });
});
