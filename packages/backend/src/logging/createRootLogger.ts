import { pino, type Logger, type DestinationStream } from 'pino';

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };

/**
 * One line per record for a person at a terminal; JSON everywhere else.
 * Written here rather than pulling pino-pretty, which runs in a worker thread
 * and costs start-up time for little gain.
 */
function humanStream(out: NodeJS.WritableStream): DestinationStream {
  return {
    write(line: string) {
      try {
        const rec = JSON.parse(line) as Record<string, unknown>;
        const { level, time, msg, plugin, pid: _pid, hostname: _h, err, ...rest } = rec;
        const t = new Date(time as number).toISOString().slice(11, 23);
        const extras = Object.keys(rest).length ? ` ${JSON.stringify(rest)}` : '';
        const errText = err && typeof err === 'object' ? `\n  ${(err as { stack?: string }).stack ?? JSON.stringify(err)}` : '';
        out.write(`${t} ${LEVELS[level as number] ?? level} ${plugin ? `[${plugin as string}] ` : ''}${msg as string}${extras}${errText}\n`);
      } catch {
        out.write(line);
      }
    },
  };
}

export function createRootLogger(options: { level: string; pretty?: boolean; destination?: DestinationStream }): Logger {
  const pretty = options.pretty ?? Boolean(process.stdout.isTTY);
  const destination = options.destination ?? (pretty ? humanStream(process.stdout) : pino.destination({ sync: false }));
  return pino({ level: options.level, base: undefined }, destination);
}
