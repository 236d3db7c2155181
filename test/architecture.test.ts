import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

// The layers ARCHITECTURE.md describes: each folder of src/ and the folders it may import from.
const LAYERS: Record<string, readonly string[]> = {
  shared: [],
  errors: [],
  'state-cookie': ['shared'],
  http: ['errors', 'shared'],
  oauth: ['errors', 'http', 'shared'],
  core: ['errors', 'http', 'oauth', 'shared', 'state-cookie'],
  strategy: ['core', 'errors', 'http', 'oauth', 'shared'],
  webhooks: ['errors', 'shared'],
  // The client's entry (client/index.ts) re-exports the webhook receiver: `passport-worksection/client` is its entry.
  client: ['errors', 'http', 'oauth', 'shared', 'webhooks'],
};

const SRC = path.join(__dirname, '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The folders of src/ that a file imports from, by its relative imports. */
function importedFolders(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const folders = new Set<string>();
  for (const match of text.matchAll(/from '(\.[^']*)'/g)) {
    const target = path.relative(SRC, path.resolve(path.dirname(file), match[1] ?? ''));
    if (target.startsWith('..')) continue;
    // A folder's index (`../errors`) is that folder; a file directly in src/ (the entry) counts as '.'.
    const folder = target.split(path.sep)[0] ?? '.';
    folders.add(target.includes(path.sep) || existsSync(path.join(SRC, folder)) ? folder : '.');
  }
  return [...folders];
}

describe('the layers of src/', () => {
  it('has a row in the table for every folder', () => {
    const folders = readdirSync(SRC, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect(folders.sort()).toEqual(Object.keys(LAYERS).sort());
  });

  it.each(Object.entries(LAYERS))('lets %s import only from the folders below it', (folder, allowed) => {
    const wrong: string[] = [];
    for (const file of sourceFiles(path.join(SRC, folder))) {
      for (const imported of importedFolders(file)) {
        if (imported !== folder && !allowed.includes(imported)) wrong.push(`${path.relative(SRC, file)} imports from ${imported}/`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('keeps the entry points to re-exports', () => {
    for (const entry of ['index.ts', path.join('client', 'index.ts')]) {
      let text: string;
      try {
        text = readFileSync(path.join(SRC, entry), 'utf8');
      } catch {
        continue;
      }
      const statements = text
        .replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')
        .split(';')
        .map((statement) => statement.trim())
        .filter((statement) => statement !== '');
      expect(statements.filter((statement) => !/^export (type )?(\*|\{)[\s\S]*from '/.test(statement))).toEqual([]);
    }
  });
});
