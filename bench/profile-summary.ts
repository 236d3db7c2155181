import { readFile } from 'node:fs/promises';

/** Where an app process spent its CPU, in shares of the time it was not idle (0..1). */
export interface ProfileShares {
  /** Samples whose stack runs through the strategy's own code (ours: the package; the peer: passport-oauth2, node-oauth). */
  strategy: number;
  /** Node's HTTP client: the calls to Worksection, below the strategy's callbacks (sockets, parsing the answers). */
  httpClient: number;
  /** Writing to sockets (Node's native write calls), wherever in the code a write happens: one response's writes
   * fall under the strategy when it ends the response itself, under the app when a session store's callback does. */
  socketWrites: number;
  /** Garbage collection. */
  gc: number;
  /** Everything else: Express, express-session and its store, passport, node's HTTP server. */
  shape: number;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

/** The strategy's own code, for either contender. */
const STRATEGY_CODE = /bench\/dist\/src\/|node_modules\/passport-oauth2\/|node_modules\/oauth\/|contenders\/(?:ours|peer)\.js/;
const HTTP_CLIENT = /^node:_http_(?:client|agent)$/;
/** Node's native socket writes, as V8 names them in a profile. */
const SOCKET_WRITES = new Set(['writev', 'writeLatin1String', 'writeUtf8String', 'writeBuffer', 'writeAsciiString']);

/**
 * Reads a V8 CPU profile (`--cpu-prof`) of a contender's app process and attributes each sample: socket writes and GC
 * by the function running; otherwise by its stack, to the strategy when any frame is the strategy's code, to the HTTP
 * client when a frame is node's client side (the calls to Worksection answer on callbacks whose stacks no longer show
 * the strategy), else to the shared app shape.
 */
export async function profileShares(file: string): Promise<ProfileShares> {
  const profile = JSON.parse(await readFile(file, 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const kindOf = new Map<number, keyof ProfileShares | 'idle'>();
  const classify = (id: number): keyof ProfileShares | 'idle' => {
    const known = kindOf.get(id);
    if (known !== undefined) return known;
    const leaf = byId.get(id)?.callFrame.functionName;
    let kind: keyof ProfileShares | 'idle' =
      leaf === '(idle)' ? 'idle' : leaf === '(garbage collector)' ? 'gc' : SOCKET_WRITES.has(leaf ?? '') ? 'socketWrites' : 'shape';
    for (let cur: number | undefined = id; kind === 'shape' && cur !== undefined; cur = parent.get(cur)) {
      const url = byId.get(cur)?.callFrame.url ?? '';
      if (STRATEGY_CODE.test(url)) kind = 'strategy';
      else if (HTTP_CLIENT.test(url)) kind = 'httpClient';
    }
    // A strategy frame further up the stack wins over the HTTP client below it.
    if (kind === 'httpClient') {
      for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
        if (STRATEGY_CODE.test(byId.get(cur)?.callFrame.url ?? '')) {
          kind = 'strategy';
          break;
        }
      }
    }
    kindOf.set(id, kind);
    return kind;
  };
  const totals = { strategy: 0, httpClient: 0, socketWrites: 0, gc: 0, shape: 0 };
  profile.samples.forEach((id, i) => {
    const kind = classify(id);
    if (kind !== 'idle') totals[kind] += profile.timeDeltas[i] ?? 0;
  });
  const busy = totals.strategy + totals.httpClient + totals.socketWrites + totals.gc + totals.shape;
  return {
    strategy: totals.strategy / busy,
    httpClient: totals.httpClient / busy,
    socketWrites: totals.socketWrites / busy,
    gc: totals.gc / busy,
    shape: totals.shape / busy,
  };
}
