// A rough measure of server-side apply against update tracking, on a Deployment whose pod
// template has 30 containers: `node --import tsx src/api/patch/apply/bench.ts`.
// Prints the time per operation of each and their ratio (the target is apply < 3x update).

import { Deployment } from '../../types/apps/v1/index.ts';
import { applyConfiguration } from './apply.ts';
import { trackUpdate } from './update-tracking.ts';

const scope = { shape: Deployment, apiVersion: 'apps/v1' } as const;

function container(i: number, image: string): Record<string, unknown> {
  return {
    name: `c${i}`, image, args: ['--port', String(8000 + i), '--verbose'],
    env: [0, 1, 2, 3, 4].map((j) => ({ name: `VAR_${j}`, value: `value-${i}-${j}` })),
    ports: [{ containerPort: 8000 + i, protocol: 'TCP' }, { containerPort: 9000 + i, protocol: 'UDP', name: `metrics-${i}` }],
    resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '128Mi' } },
    volumeMounts: [{ name: 'data', mountPath: `/data/${i}` }, { name: 'config', mountPath: `/etc/c${i}`, readOnly: true }],
    livenessProbe: { httpGet: { path: '/healthz', port: 8000 + i }, periodSeconds: 10 },
  };
}

function config(image: string): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name: 'big', namespace: 'default', labels: { app: 'big' } },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'big' } },
      template: {
        metadata: { labels: { app: 'big' } },
        spec: {
          containers: Array.from({ length: 30 }, (_, i) => container(i, i === 7 ? image : 'busybox:1.37')),
          volumes: [{ name: 'data', emptyDir: {} }, { name: 'config', configMap: { name: 'cfg' } }],
        },
      },
    },
  };
}

function time(label: string, n: number, fn: () => void): number {
  for (let i = 0; i < 20; i++) fn();
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn();
  const ms = Number(process.hrtime.bigint() - start) / 1e6 / n;
  console.log(`${label.padEnd(44)} ${ms.toFixed(3)} ms/op`);
  return ms;
}

const created = applyConfiguration({ ...scope, live: undefined, applied: config('app:v1'), manager: 'kubectl', force: false, now: 0 });
if (!created.ok) throw created.error;
const live: Record<string, unknown> = { ...created.value.object, metadata: { ...(created.value.object['metadata'] as object), uid: 'u' } };
const edited = structuredClone(live);
((edited['spec'] as { template: { spec: { containers: Array<Record<string, unknown>> } } }).template.spec.containers[7] as Record<string, unknown>)['image'] = 'app:v2';

const n = Number(process.argv[2] ?? 300);
const update = time('update (one image changed, kubectl-edit)', n, () => {
  trackUpdate({ ...scope, before: live, after: edited, manager: 'kubectl-edit', now: 1000 });
});
const apply = time('apply (same manager, one image changed)', n, () => {
  const r = applyConfiguration({ ...scope, live, applied: config('app:v2'), manager: 'kubectl', force: false, now: 1000 });
  if (!r.ok) throw r.error;
});
const applyDrop = time('apply (same manager, one container dropped)', n, () => {
  const c = config('app:v1');
  ((c['spec'] as { template: { spec: { containers: unknown[] } } }).template.spec.containers).pop();
  const r = applyConfiguration({ ...scope, live, applied: c, manager: 'kubectl', force: false, now: 1000 });
  if (!r.ok) throw r.error;
});
const create = time('apply (create)', n, () => {
  applyConfiguration({ ...scope, live: undefined, applied: config('app:v1'), manager: 'kubectl', force: false, now: 0 });
});
console.log(`apply / update: ${(apply / update).toFixed(2)}x; with pruning: ${(applyDrop / update).toFixed(2)}x; create: ${(create / update).toFixed(2)}x`);
