import { describe, expect, it } from 'vitest';
import { groupRelations, parseTargetRef } from './relations.ts';

describe('relations', () => {
  it('groups by type in reading order with labels, targets sorted and unique', () => {
    const groups = groupRelations({
      apiVersion: 'v1',
      kind: 'Component',
      metadata: { name: 'x' },
      relations: [
        { type: 'dependsOn', targetRef: 'resource:default/db' },
        { type: 'ownedBy', targetRef: 'group:default/team' },
        { type: 'dependsOn', targetRef: 'component:default/a' },
        { type: 'dependsOn', targetRef: 'component:default/a' },
        { type: 'somethingNew', targetRef: 'x:default/y' },
      ],
    });
    expect(groups).toEqual([
      { type: 'ownedBy', label: 'Owned by', targetRefs: ['group:default/team'] },
      { type: 'dependsOn', label: 'Depends on', targetRefs: ['component:default/a', 'resource:default/db'] },
      { type: 'somethingNew', label: 'somethingNew', targetRefs: ['x:default/y'] },
    ]);
  });

  it('parses full refs and refuses what is not one', () => {
    expect(parseTargetRef('group:ops/sre')).toEqual({ kind: 'group', namespace: 'ops', name: 'sre' });
    expect(parseTargetRef('no-kind')).toBeUndefined();
  });
});
