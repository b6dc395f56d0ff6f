import { Worker } from 'node:worker_threads';
import { workerModule, type LoggerService } from '@callboard/backend-plugin-api';
import type { EntityValidator } from './processDocuments.ts';
import { processFileText, type FileOutcome, type FileToProcess } from './processFileText.ts';
import { decodeOutcome, type EncodedOutcome } from './outcomeTransfer.ts';

interface Slot {
  worker: Worker;
  tasks: Map<number, { file: FileToProcess; resolve(outcome: FileOutcome): void }>;
}

/**
 * Worker threads that parse, validate and process catalog files
 * (processFileText), so that during a large load the event loop is left with
 * reading, the database and the API. Started on first use; small files (most
 * API-registered locations) are done on the event loop, where a round trip
 * to a worker would cost more than it saves. A worker that fails is not
 * replaced: its files, and every later one, are done on the event loop, and
 * the failure is logged once.
 */
export class ProcessingWorkers {
  private slots: Slot[] = [];
  private nextId = 1;
  private broken = false;

  constructor(
    private readonly options: {
      /** Worker threads; 0 does everything on the event loop. */
      size: number;
      /** Files shorter than this (in characters) are done on the event loop. */
      minChars: number;
      /** The built-in kinds' validator, the one the workers use. */
      validator: EntityValidator;
      /** Workers also prepare PostgreSQL's rows (entityRow.ts). */
      prepareRows?: boolean;
      logger: LoggerService;
    },
  ) {}

  process(file: FileToProcess): Promise<FileOutcome> {
    if (this.options.size === 0 || this.broken || file.text.length < this.options.minChars) {
      return Promise.resolve(processFileText(file, this.options.validator));
    }
    const slot = this.leastBusy();
    const id = this.nextId++;
    return new Promise((resolve) => {
      if (slot.tasks.size === 0) slot.worker.ref();
      slot.tasks.set(id, { file, resolve });
      slot.worker.postMessage({ id, file });
    });
  }

  /** Stops the workers; files still with them are done on the event loop. */
  async close(): Promise<void> {
    const slots = this.slots;
    this.slots = [];
    this.broken = true;
    for (const slot of slots) this.reclaim(slot);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private leastBusy(): Slot {
    if (this.slots.length < this.options.size) {
      const idle = this.slots.find((s) => s.tasks.size === 0);
      if (idle) return idle;
      const slot = this.start();
      this.slots.push(slot);
      return slot;
    }
    return this.slots.reduce((a, b) => (b.tasks.size < a.tasks.size ? b : a));
  }

  private start(): Slot {
    const module = workerModule(new URL('./catalog-processing.worker.ts', import.meta.url));
    const worker = new Worker(module.url, {
      execArgv: module.execArgv,
      name: 'catalog-processing',
      workerData: { prepareRows: this.options.prepareRows ?? false },
      // A file's outcome (a few MB for 500 entities) outlives a default young
      // generation's scavenges and is promoted, only to die in the next
      // mark-compact. With 64 MB most of it dies young: measured on the
      // bench's 100,000 entities, the process's CPU for them fell from 10.0
      // to 9.0 s, for some 40 MB more memory.
      resourceLimits: { maxYoungGenerationSizeMb: 64 },
    });
    const slot: Slot = { worker, tasks: new Map() };
    worker.on('message', ({ id, failed, ...encoded }: { id: number; failed?: string } & EncodedOutcome) => {
      const task = slot.tasks.get(id);
      if (!task) return;
      slot.tasks.delete(id);
      if (slot.tasks.size === 0) worker.unref();
      // A file that broke the worker's code (not a bad file: those are outcomes) gets a second chance here.
      task.resolve(failed === undefined ? decodeOutcome(encoded as EncodedOutcome) : processFileText(task.file, this.options.validator));
    });
    const fail = (reason: string) => {
      if (!this.slots.includes(slot)) return;
      this.options.logger.warn(`A catalog processing worker stopped (${reason}); catalog files are processed on the event loop from now on`);
      this.broken = true;
      this.slots = this.slots.filter((s) => s !== slot);
      this.reclaim(slot);
    };
    worker.on('error', (error) => fail(error.message));
    worker.on('exit', (code) => fail(`exit code ${code}`));
    worker.unref();
    return slot;
  }

  private reclaim(slot: Slot): void {
    for (const task of slot.tasks.values()) task.resolve(processFileText(task.file, this.options.validator));
    slot.tasks.clear();
  }
}
