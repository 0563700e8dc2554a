import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PersistentVolume } from '../../../api/types/core/v1/index.ts';
import { fakeHandle, type FakeVolumes } from '../../testing.fixture.ts';
import { VolumeAssumeCache } from './assume-cache.ts';

const pv = (rv: string, claim?: string): PersistentVolume => ({ metadata: { name: 'pv', resourceVersion: rv }, spec: claim === undefined ? {} : { claimRef: { name: claim, namespace: 'default' } } });

test('assume cache: an assumed PV shows until the informer has a newer version or it is restored', () => {
  const cases: { name: string; informer: PersistentVolume | undefined; restore?: boolean; want: string | undefined }[] = [
    { name: 'informer unchanged: the assumed version', informer: pv('5'), want: 'assumed' },
    { name: 'informer newer (our write landed): the informer\'s', informer: pv('6', 'written'), want: 'written' },
    { name: 'restored: the informer\'s', informer: pv('5'), restore: true, want: undefined },
    { name: 'PV deleted: nothing', informer: undefined, want: 'gone' },
  ];
  for (const c of cases) {
    const v: FakeVolumes = { volumes: [pv('5')] };
    const listers = fakeHandle({ volumes: v }).volumes;
    assert.ok(listers !== undefined);
    const cache = new VolumeAssumeCache(listers);
    cache.assumeVolume(pv('5', 'assumed'));
    v.volumes = c.informer === undefined ? [] : [c.informer];
    if (c.restore === true) cache.restoreVolume('pv');
    const got = cache.volume('pv');
    assert.equal(got === undefined ? 'gone' : got.spec?.claimRef?.name, c.want, c.name);
    assert.equal(cache.volumes().length, c.informer === undefined ? 0 : 1, c.name);
  }
});

test('assume cache: assuming an older version than the informer\'s, or a missing object, fails', () => {
  const v: FakeVolumes = { volumes: [pv('7')], claims: [] };
  const listers = fakeHandle({ volumes: v }).volumes;
  assert.ok(listers !== undefined);
  const cache = new VolumeAssumeCache(listers);
  assert.throws(() => cache.assumeVolume(pv('6', 'x')), /^Error: persistentvolume "pv" is out of sync \(stored: 7, assume: 6\)$/);
  assert.throws(() => cache.assumeClaim({ metadata: { name: 'c', namespace: 'default' } }), /persistentvolumeclaim "default\/c" not found/);
  assert.equal(cache.size, 0);
});
