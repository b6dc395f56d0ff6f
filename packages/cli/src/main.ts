import path from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { buildStaticSite } from './buildStaticSite.ts';
import { serveSite } from './serveSite.ts';

const USAGE = `Usage:
  callboard docs build <dir> [--out <folder>]   render the docs in <dir> (mkdocs.yml beside docs/) into static HTML (default ./site)
  callboard docs serve <dir> [--port 8000]      preview the docs in <dir> on localhost, rebuilding on save
`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: 'string', short: 'o' },
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || positionals.length === 0) {
    console.log(USAGE);
    return;
  }
  const [group, command, dir = '.'] = positionals;
  if (group !== 'docs') fail(`Unknown command '${group}'.`);
  if (command === 'build') {
    const outDir = path.resolve(values.out ?? 'site');
    const bar = new cliProgress.SingleBar(
      { format: 'Rendering {bar} {value}/{total} pages {file}', hideCursor: true, clearOnComplete: false, noTTYOutput: false },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    const result = await buildStaticSite({
      dir,
      outDir,
      onProgress: ({ total, done, file }) => {
        if (!started) {
          bar.start(total, 0, { file: '' });
          started = true;
        }
        bar.update(done, { file });
      },
    });
    if (started) bar.stop();
    for (const w of result.warnings) console.warn(`warning: ${w.page ? `${w.page}: ` : ''}${w.message}`);
    console.log(`Built “${result.siteName}”: ${result.pages} pages into ${result.outDir}${result.warnings.length ? ` with ${result.warnings.length} warnings` : ''}.`);
    return;
  }
  if (command === 'serve') {
    const port = Number(values.port ?? 8000);
    if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a port number, not '${values.port}'.`);
    const server = await serveSite({ dir, port, host: values.host ?? '127.0.0.1', log: (line) => console.log(line) });
    console.log(`Serving the docs of ${path.resolve(dir)} at ${server.url} (Ctrl+C to stop); pages reload when you save.`);
    const stop = () => void server.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return;
  }
  fail(`Unknown docs command '${command ?? ''}'.`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  // The message says what is wrong (a missing folder, a broken mkdocs.yml); a stack trace would not.
  console.error(`callboard: ${(error as Error).message}`);
  process.exit(1);
});
