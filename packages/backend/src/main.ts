import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { configFilesFromArgv, loadConfig } from './config/loadConfig.ts';
import { StartupError } from './StartupError.ts';
import { Backend } from './wiring/Backend.ts';
import { loadInstalledFeatures } from './installedFeatures.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

async function main(): Promise<void> {
  const rootDir = process.env.CALLBOARD_ROOT ?? process.cwd();
  const config = loadConfig({ rootDir, extraFiles: configFilesFromArgv(process.argv.slice(2)) });
  const backend = Backend.create({
    config,
    features: await loadInstalledFeatures(),
    // dist/main.mjs and src/main.ts both sit two levels under packages/.
    appDistDir: process.env.CALLBOARD_APP_DIST ?? path.resolve(here, '../../app/dist'),
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    backend.rootLogger.info(`Received ${signal}, shutting down`);
    backend.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('Shutdown failed:', error);
        process.exit(1);
      },
    );
  };
  await backend.start();
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof StartupError) {
    console.error(`\nCallboard could not start.\n  ${error.message}\n`);
  } else {
    console.error('\nCallboard could not start:', error);
  }
  process.exit(1);
});
