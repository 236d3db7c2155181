import { readFile } from 'node:fs/promises';
import path from 'node:path';
import ts from 'typescript';

/**
 * A ```ts block of the README, as the packaging test type-checks it. Two conventions, both kept small:
 *
 * - A block whose first line is `// some/path.ts` is that file: it is written at that path, so the files of one app
 *   (the Next.js routes, the NestJS app) import each other as they do in the README.
 * - `<!-- ts-assumes: declarations -->` right before a block gives what a fragment takes for granted (your User model,
 *   an `options` object): written before the block, in its file, and not shown on the rendered page.
 *   `<!-- ts-assumes some/path.ts: source -->` is a whole file the block imports that the README does not show.
 */
export interface ReadmeBlock {
  /** The line of the opening fence (1-based), for messages. */
  line: number;
  /** Where the block is written: its first-line file name, else `readme-<line>.ts`. */
  file: string;
  code: string;
  /** The declarations of the `<!-- ts-assumes: … -->` comments before it. */
  assumes: string;
  /** Files of `<!-- ts-assumes path: … -->` comments, by path. */
  assumedFiles: Array<{ file: string; source: string }>;
}

/** How a consumer compiles: its module format decides what a block must be adapted for. */
export interface ConsumerFormat {
  /** ES modules (`"type": "module"` or a bundler), where relative imports name their `.js` file. */
  esm: boolean;
}

const ASSUMES = /^<!-- ts-assumes(?: ([\w./-]+\.ts))?:([\s\S]*?)-->$/;

/** The ```ts blocks of `markdown`, each with the `ts-assumes` comments right before it. */
export function readmeBlocks(markdown: string): ReadmeBlock[] {
  const lines = markdown.split('\n');
  const blocks: ReadmeBlock[] = [];
  let comments: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('<!-- ts-assumes')) {
      // A comment may span lines, up to its `-->`.
      let end = i;
      while (!lines[end]!.trimEnd().endsWith('-->') && end < lines.length - 1) end++;
      comments.push(lines.slice(i, end + 1).join('\n'));
      i = end;
      continue;
    }
    if (line === '```ts') {
      let end = i + 1;
      while (end < lines.length && lines[end] !== '```') end++;
      const code = lines.slice(i + 1, end).join('\n') + '\n';
      const named = /^\/\/ ([\w./-]+\.ts)\b/.exec(code)?.[1];
      const block: ReadmeBlock = { line: i + 1, file: named ?? `readme-${i + 1}.ts`, code, assumes: '', assumedFiles: [] };
      for (const comment of comments) {
        const [, file, text = ''] = ASSUMES.exec(comment) ?? [];
        if (file !== undefined) block.assumedFiles.push({ file, source: `${text.trim()}\n` });
        else block.assumes += `${text.trim()}\n`;
      }
      blocks.push(block);
      comments = [];
      i = end;
      continue;
    }
    // Only comments directly before a block (blank lines aside) belong to it.
    if (line.trim() !== '') comments = [];
  }
  return blocks;
}

/**
 * The source of a block (or an assumed file) as a consumer of `format` compiles it. What changes is what any user
 * of that format writes differently, nothing about the package: ES modules name the `.js` file of a relative import,
 * and CommonJS has no top-level `await` (such a block runs inside an async function). Every file is a module
 * (`export {}`), so blocks do not see each other's top-level names.
 */
export function sourceFor(code: string, assumes: string, format: ConsumerFormat): string {
  let body = code;
  if (format.esm) body = withJsExtensions(body);
  else body = withoutTopLevelAwait(body);
  const prelude = format.esm ? withJsExtensions(assumes) : assumes;
  return `${prelude}${body}\nexport {};\n`;
}

function withJsExtensions(source: string): string {
  return source.replace(/(\bfrom\s+|\bimport\s+|\bimport\()(['"])(\.{1,2}\/[^'"]*?)(?<!\.js|\.json)\2/g, '$1$2$3.js$2');
}

/** Moves the statements of a block that awaits at its top level (imports aside) into an async function. */
function withoutTopLevelAwait(source: string): string {
  const file = ts.createSourceFile('block.ts', source, ts.ScriptTarget.Latest, true);
  const awaits = (node: ts.Node): boolean =>
    ts.isAwaitExpression(node) ||
    (ts.isForOfStatement(node) && node.awaitModifier !== undefined) ||
    (!ts.isFunctionLike(node) && !ts.isClassLike(node) && ts.forEachChild(node, awaits) === true);
  const statements = file.statements.filter((s) => !ts.isImportDeclaration(s) && !ts.isImportEqualsDeclaration(s));
  if (!statements.some(awaits)) return source;
  const imports = file.statements.filter((s) => !statements.includes(s)).map((s) => s.getFullText(file));
  const rest = statements.map((s) => s.getFullText(file)).join('');
  return `${imports.join('')}\nvoid (async () => {${rest}\n})();\n`;
}

/** The ```ts block of the package README's `## section` that contains `marker`, for tests that run it as pasted. */
export async function readmeBlock(section: string, marker: string): Promise<ReadmeBlock> {
  const markdown = await readFile(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
  const start = markdown.indexOf(`\n## ${section}\n`);
  if (start === -1) throw new Error(`no section "${section}" in the README`);
  const line = markdown.slice(0, start).split('\n').length;
  const block = readmeBlocks(markdown).find((b) => b.line > line && b.code.includes(marker));
  if (block === undefined) throw new Error(`no block with ${marker} in the README's "${section}"`);
  return block;
}
