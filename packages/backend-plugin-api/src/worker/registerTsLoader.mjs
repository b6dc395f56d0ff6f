// Passed to a worker as `--import` when its module is a .ts source (see workerModule.ts).
import { register } from 'node:module';

register('./tsLoader.mjs', import.meta.url);
