import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Pod } from '../types/core/v1/index.ts';
import { decodeMessage, encodeMessage } from './protobuf.ts';

test('embedded structs (Volume ← VolumeSource, Probe ← ProbeHandler) round-trip through protobuf', () => {
  const pod = {
    metadata: { name: 'p' },
    spec: {
      containers: [{
        name: 'c', image: 'busybox',
        livenessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 5 },
        env: [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'cm', key: 'k' } } }],
      }],
      volumes: [{ name: 'data', emptyDir: {} }, { name: 'cfg', configMap: { name: 'cm', defaultMode: 420 } }],
    },
  };
  const bytes = encodeMessage(Pod, pod as Pod);
  // Volume is {name=1, VolumeSource=2 {emptyDir=2 {}}}: name "data", then field 2 holding field 2.
  const volume = Buffer.from([0x0a, 0x04, ...Buffer.from('data'), 0x12, 0x02, 0x12, 0x00]);
  assert.ok(Buffer.from(bytes).includes(volume), 'the volume source travels inside field 2');
  assert.deepEqual(decodeMessage(Pod, bytes), pod);
});
