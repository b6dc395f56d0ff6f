// Module hooks for worker threads started from TypeScript sources (tests and
// `npm run dev`): Node.js 20 cannot run .ts files itself. Each file is
// transpiled alone, which the project's `isolatedModules` and
// `verbatimModuleSyntax` settings guarantee is enough. The built server
// bundles its workers to JavaScript and never loads this.
import fs from 'node:fs/promises';
import ts from 'typescript';

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return nextLoad(url, context);
  const source = await fs.readFile(new URL(url), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    fileName: url,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true, sourceMap: false },
  });
  return { format: 'module', source: outputText, shortCircuit: true };
}
