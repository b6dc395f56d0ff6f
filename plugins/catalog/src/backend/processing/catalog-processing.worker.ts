import { parentPort, workerData } from 'node:worker_threads';
import { createEntityValidator } from '@callboard/catalog-model';
import { processFileText, type FileToProcess } from './processFileText.ts';
import { encodeOutcome } from './outcomeTransfer.ts';

// A worker thread of ProcessingWorkers: files in, their documents out.
// Only the built-in kinds are known here; a catalog with kinds or processors
// from plugins does not use workers.
const validator = createEntityValidator();
const options = { prepareRows: Boolean((workerData as { prepareRows?: boolean } | undefined)?.prepareRows) };

parentPort?.on('message', (task: { id: number; file: FileToProcess }) => {
  try {
    const { encoded, transfer } = encodeOutcome(processFileText(task.file, validator, options));
    parentPort!.postMessage({ id: task.id, ...encoded }, transfer);
  } catch (error) {
    parentPort!.postMessage({ id: task.id, failed: (error as Error).message });
  }
});
