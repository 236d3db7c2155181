import type { AddressInfo } from 'node:net';
import { parse } from 'node:querystring';
import express, { type Request } from 'express';
import express4 from 'express4';
import { pinQuery } from '../../src/strategy/pin-query';

/** An app whose query parser counts its calls, and a route that pins the query and then reads it five times. */
async function countingApp(expressModule: typeof express): Promise<{ url: string; parses: () => number; close: () => Promise<void> }> {
  let parses = 0;
  const app = expressModule();
  app.set('query parser', (text: string) => {
    parses++;
    return parse(text);
  });
  app.get('/callback', (req: Request, res) => {
    const query = req.query;
    pinQuery(req, query);
    const reads = [req.query, req.query, req.query, req.query, req.query];
    res.json({ same: reads.every((read) => read === query), code: (req.query as Record<string, unknown>).code });
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    parses: () => parses,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('pinQuery', () => {
  it.each([
    ['Express 5', express],
    ['Express 4', express4 as unknown as typeof express],
  ])('on %s, the query string of a request is parsed once however often req.query is read afterwards', async (_name, expressModule) => {
    const app = await countingApp(expressModule);
    try {
      const res = await fetch(`${app.url}/callback?code=abc&state=xyz`);
      expect(await res.json()).toEqual({ same: true, code: 'abc' });
      expect(app.parses()).toBe(1);
    } finally {
      await app.close();
    }
  });
});
