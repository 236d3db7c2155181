// Writes emulator/test/fixtures/live-collection-examples.json: every saved example of Worksection's Postman collection
// ("Worksection Client API", the collection Worksection links from https://worksection.com/en/faq/oauth.html), errors
// included, in collection order: the request as sent (action, enabled query parameters) and the answer as saved from
// the live server (parsed body; for download, the response's Content-Type only). emulator/test/account-api/
// live-collection.test.ts replays each one against the emulator.
//
//   node scripts/collection-examples.mjs path/to/worksection-client-api.postman_collection.json
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = process.argv[2];
if (!source) {
  process.stderr.write('Usage: node scripts/collection-examples.mjs <worksection-client-api.postman_collection.json>\n');
  process.exit(2);
}
const collection = JSON.parse(readFileSync(source, 'utf8'));

/** The body as JSON, and whether it had to be repaired (two saved bodies carry a hand-edited trailing comma). */
function parseBody(text) {
  try {
    return { body: JSON.parse(text), repaired: false };
  } catch {
    try {
      return { body: JSON.parse(text.replace(/,(\s*[}\]])/g, '$1')), repaired: true };
    } catch {
      return { body: undefined, repaired: false };
    }
  }
}

function* requests(items) {
  for (const item of items) {
    if (Array.isArray(item.item)) yield* requests(item.item);
    else yield item;
  }
}

const examples = [];
for (const request of requests(collection.item)) {
  for (const example of request.response ?? []) {
    const original = example.originalRequest ?? {};
    const query = (original.url?.query ?? []).filter((param) => !param.disabled);
    const action = query.find((param) => param.key === 'action')?.value;
    const params = Object.fromEntries(query.filter((param) => param.key !== 'action').map((param) => [param.key, param.value ?? null]));
    const contentType = (example.header ?? []).find((h) => h.key.toLowerCase() === 'content-type')?.value ?? '';
    const { body, repaired } = contentType.startsWith('application/json')
      ? parseBody(example.body ?? '')
      : { body: undefined, repaired: false };
    examples.push({
      index: examples.length,
      request: request.name,
      example: example.name,
      method: original.method,
      action,
      params,
      httpCode: example.code,
      contentType,
      ...(repaired && { repaired: 'trailing comma removed' }),
      ...(body === undefined ? { fileBytes: (example.body ?? '').length } : { live: body }),
    });
  }
}

const target = join(root, 'emulator', 'test', 'fixtures', 'live-collection-examples.json');
writeFileSync(target, `${JSON.stringify(examples, null, 1)}\n`);
process.stdout.write(`Wrote ${target}: ${examples.length} examples.\n`);
