import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Container, Pod } from '../../api/types/core/v1/index.ts';
import type { Image } from '../cri/types.ts';
import { runAsNonRootViolation } from './non-root.ts';

const image = (uid: number | null, username = ''): Image => ({ id: 'sha256:x', repoTags: [], repoDigests: [], size: 0, uid: uid === null ? null : { value: uid }, username, pinned: false });

test('runAsNonRoot: the effective user decides', () => {
  const cases: { name: string; pod?: Pod['spec']; c?: Container['securityContext']; image: Image; refused: RegExp | undefined }[] = [
    { name: 'not asked', image: image(0), refused: undefined },
    { name: 'container uid 1000', c: { runAsNonRoot: true, runAsUser: 1000 }, image: image(0), refused: undefined },
    { name: 'container uid 0', c: { runAsNonRoot: true, runAsUser: 0 }, image: image(1000), refused: /runAsUser breaks non-root policy/ },
    { name: 'pod-level, image root', pod: { containers: [], securityContext: { runAsNonRoot: true } }, image: image(0), refused: /image will run as root/ },
    { name: 'image uid 1000', c: { runAsNonRoot: true }, image: image(1000), refused: undefined },
    { name: 'image without a user is root', c: { runAsNonRoot: true }, image: image(null), refused: /image will run as root/ },
    { name: 'named user cannot be verified', c: { runAsNonRoot: true }, image: image(null, 'nginx'), refused: /non-numeric user \(nginx\)/ },
    { name: 'numeric user name', c: { runAsNonRoot: true }, image: image(null, '101:101'), refused: undefined },
  ];
  for (const t of cases) {
    const pod: Pod = { metadata: { name: 'p', namespace: 'n', uid: 'u' }, spec: t.pod ?? { containers: [] } };
    const got = runAsNonRootViolation(pod, { name: 'c', ...(t.c === undefined ? {} : { securityContext: t.c }) }, t.image);
    if (t.refused === undefined) assert.equal(got, undefined, t.name);
    else assert.match(got ?? '', t.refused, t.name);
  }
});
