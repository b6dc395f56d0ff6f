import { describe, expect, it } from 'vitest';
import type { TaskEvent } from '../../common/taskRoutes.ts';
import { outputLinks, outputTexts } from './taskOutput.ts';
import { applyEvents, emptyProgress, stepDuration } from './taskProgress.ts';

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();
const log = (id: number, body: TaskEvent['body'], type: TaskEvent['type'] = 'log'): TaskEvent => ({ id, taskId: 't', type, body, createdAt: at(id) });

describe('task progress', () => {
  it('tracks each step’s state from the stream and ignores replayed events', () => {
    const events = [
      log(1, { message: 'Beginning step Fetch', stepId: 'fetch', status: 'processing' }),
      log(2, { message: 'Rendered 3 files', stepId: 'fetch' }),
      log(3, { message: 'Finished step Fetch', stepId: 'fetch', status: 'completed' }),
      log(4, { message: 'Beginning step Publish', stepId: 'publish', status: 'processing' }),
      log(5, { message: 'remote refused', stepId: 'publish', status: 'failed' }),
      log(6, { message: 'Publish failed: remote refused', status: 'failed' }, 'completion'),
    ];
    const once = applyEvents(emptyProgress, events);
    // A reconnect may resume from an older id; nothing shows twice.
    const replayed = applyEvents(once, events.slice(2));
    expect(replayed).toEqual(once);
    expect(once.steps.fetch?.state).toBe('completed');
    expect(once.steps.publish?.state).toBe('failed');
    expect(once.finished).toBe('failed');
    expect(once.lines.map((l) => l.id)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(stepDuration(once.steps.fetch!)).toBe('2.0 s');
    expect(stepDuration(once.steps.publish!)).toBe('1.0 s');
  });

  it('knows a cancelled run has ended', () => {
    expect(applyEvents(emptyProgress, [log(1, { message: 'Cancelled', status: 'cancelled' }, 'cancelled')]).finished).toBe('cancelled');
  });
});

describe('task output', () => {
  it('links entity refs inside the app and only web URLs outside it', () => {
    const links = outputLinks({
      links: [
        { title: 'Repository', url: 'https://github.com/acme/web' },
        { title: 'Open in catalog', entityRef: 'component:default/web' },
        { title: 'Evil', url: 'javascript:alert(1)' },
        { title: 'Not a URL', url: '/srv/repos/acme/web.git' },
        'junk',
      ],
    });
    expect(links).toEqual([
      { title: 'Repository', href: 'https://github.com/acme/web', internal: false },
      { title: 'Open in catalog', href: '/catalog/default/component/web', internal: true },
    ]);
    expect(outputTexts({ text: [{ title: 'Next', content: 'Run npm ci' }, { content: 5 }] })).toEqual([{ title: 'Next', content: 'Run npm ci' }]);
  });
});
