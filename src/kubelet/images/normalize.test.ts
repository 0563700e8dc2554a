import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalizeImage } from './normalize.ts';

test('normalizeImage follows containerd\'s naming', () => {
  const cases: [string, string][] = [['busybox', 'docker.io/library/busybox:latest'], ['user/app:1', 'docker.io/user/app:1'],
    ['registry.k8s.io/pause:3.10', 'registry.k8s.io/pause:3.10'], ['localhost:5000/x', 'localhost:5000/x:latest'],
    ['busybox@sha256:abc', 'docker.io/library/busybox@sha256:abc']];
  for (const [image, want] of cases) assert.equal(normalizeImage(image), want, image);
});
