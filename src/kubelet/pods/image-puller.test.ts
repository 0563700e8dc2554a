import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeClock } from '../../api/clock.ts';
import type { Container, Pod, Secret } from '../../api/types/core/v1/index.ts';
import { FakeImageService } from '../fakeruntime/images.ts';
import { Backoff } from './backoff.ts';
import { credentialsFor, ensureImage, pullPolicy } from './image-puller.ts';

test('pull policy defaults as the API does', () => {
  const cases: [Partial<Container>, string][] = [
    [{ image: 'busybox' }, 'Always'], [{ image: 'busybox:latest' }, 'Always'], [{ image: 'busybox:1.36' }, 'IfNotPresent'],
    [{ image: 'localhost:5000/app' }, 'Always'], [{ image: 'localhost:5000/app:v1' }, 'IfNotPresent'], [{ image: 'app@sha256:abc' }, 'IfNotPresent'],
    [{ image: 'busybox', imagePullPolicy: 'Never' }, 'Never'],
  ];
  for (const [c, want] of cases) assert.equal(pullPolicy({ name: 'c', ...c }), want, JSON.stringify(c));
});

const dockerconfig = (auths: object): Secret => ({ metadata: { name: 's' }, type: 'kubernetes.io/dockerconfigjson',
  data: { '.dockerconfigjson': Buffer.from(JSON.stringify({ auths })).toString('base64') } });

test('credentials from pull secrets, matched by registry host', () => {
  const secrets = [dockerconfig({ 'https://index.docker.io/v1/': { auth: Buffer.from('hub:pw').toString('base64') }, 'registry.example.com:5000': { username: 'u', password: 'p' } })];
  assert.deepEqual(credentialsFor('nginx', secrets), [{ username: 'hub', password: 'pw', serverAddress: 'docker.io' }]);
  assert.deepEqual(credentialsFor('registry.example.com:5000/team/app:1', secrets), [{ username: 'u', password: 'p', serverAddress: 'registry.example.com:5000' }]);
  assert.deepEqual(credentialsFor('quay.io/x/y', secrets), []);
});

test('ensureImage: ErrImagePull, then ImagePullBackOff until the window ends; pulls with the pod secret', async () => {
  const clock = new FakeClock(0);
  const images = new FakeImageService({ pullable: ['private/app:1'], requireAuth: new Map([['private/app:1', { username: 'u', password: 'p' }]]) });
  const events: string[] = [];
  const recorder = { event: (_o: unknown, _t: string, reason: string, message: string) => { events.push(`${reason}: ${message}`); } };
  let secrets: Secret[] = [];
  const ctx = { images, backoff: new Backoff(clock, 10_000, 300_000), recorder, clock, pullSecrets: async () => secrets };
  const pod: Pod = { metadata: { uid: 'u1', name: 'p', namespace: 'n' }, spec: { containers: [] } };
  const c: Container = { name: 'c', image: 'private/app:1' };
  const first = await ensureImage(pod, c, ctx);
  assert.equal(first.ok ? 'ok' : first.reason, 'ErrImagePull');
  assert.ok(events.includes('Pulling: Pulling image "private/app:1"'));
  assert.ok(events.includes('Failed: Error: ErrImagePull'));
  clock.advance(9_999);
  const second = await ensureImage(pod, c, ctx);
  assert.equal(second.ok ? 'ok' : second.reason, 'ImagePullBackOff');
  assert.match(second.ok ? '' : second.message, /^Back-off pulling image "private\/app:1": ErrImagePull: .*authorization failed/);
  clock.advance(1);
  secrets = [dockerconfig({ 'docker.io': { username: 'u', password: 'p' } })];
  const third = await ensureImage(pod, c, ctx);
  assert.equal(third.ok, true);
  assert.match(events.at(-1) ?? '', /^Pulled: Successfully pulled image "private\/app:1" in 0s \(0s including waiting\)\. Image size: \d+ bytes\.$/);
});
