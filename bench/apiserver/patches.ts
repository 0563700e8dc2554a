// Patch cost: a Deployment whose pod template has 30 containers, changed one image at a time by
// a plain update (PUT of the whole object, the baseline), a strategic merge patch, and a
// server-side apply — all in one run against one `k8ts server`. Issue target: apply < 3× update.
//
//   node --import tsx bench/apiserver/patches.ts [--quick]

import { fmt, machine, summarize } from '../storage/measure.ts';
import { Session, expectStatus } from './client.ts';
import { ServerProcess } from './server-process.ts';

const quick = process.argv.includes('--quick');
const ROUNDS = quick ? 50 : 400;
const CONTAINERS = 30;
const path = '/apis/apps/v1/namespaces/default/deployments/wide';

const containers = (tag: number): Array<Record<string, unknown>> => Array.from({ length: CONTAINERS }, (_, i) => ({
  name: `c${i}`, image: `busybox:1.${i === 0 ? tag : 36}`,
  ports: [{ containerPort: 8000 + i }], env: [{ name: 'INDEX', value: String(i) }],
  resources: { requests: { cpu: '10m', memory: '16Mi' } },
}));

const deployment = (tag: number): Record<string, unknown> => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'wide', namespace: 'default' },
  spec: { replicas: 0, selector: { matchLabels: { app: 'wide' } }, template: { metadata: { labels: { app: 'wide' } }, spec: { containers: containers(tag) } } },
});

async function timed(rounds: number, call: (round: number) => Promise<void>): Promise<{ p50: number; p99: number }> {
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const start = performance.now();
    await call(round);
    samples.push(performance.now() - start);
  }
  return summarize(samples);
}

const server = await ServerProcess.start({ serverArgs: ['--disable', 'controller-manager,scheduler'] });
try {
  const session = await Session.connect(server.credentials);
  expectStatus(await session.request('POST', '/apis/apps/v1/namespaces/default/deployments', JSON.stringify(deployment(36))), 'create', 201);
  process.stderr.write(`patches: ${ROUNDS} rounds each …\n`);
  const update = await timed(ROUNDS, async (round) => {
    const live = JSON.parse((await session.request('GET', path)).body.toString()) as { metadata: Record<string, unknown>; spec: { template: { spec: { containers: Array<{ image: string }> } } } };
    const first = live.spec.template.spec.containers[0];
    if (first !== undefined) first.image = `busybox:1.${100 + round}`;
    expectStatus(await session.request('PUT', path, JSON.stringify(live)), 'update', 200);
  });
  const strategic = await timed(ROUNDS, async (round) => {
    const patch = { spec: { template: { spec: { containers: [{ name: 'c0', image: `busybox:1.${1000 + round}` }] } } } };
    expectStatus(await session.request('PATCH', path, JSON.stringify(patch), 'application/strategic-merge-patch+json'), 'strategic merge patch', 200);
  });
  const apply = await timed(ROUNDS, async (round) => {
    expectStatus(await session.request('PATCH', `${path}?fieldManager=bench&force=true`, JSON.stringify(deployment(2000 + round)), 'application/apply-patch+yaml'), 'apply', 200);
  });
  const ratio = apply.p50 / update.p50;
  const lines = [
    `Machine: ${machine()}`,
    `Run: ${new Date().toISOString()}${quick ? ' (--quick)' : ''}; one \`k8ts server\` (sqlite, scheduler and controllers disabled); a Deployment with ${CONTAINERS} containers; ${ROUNDS} sequential requests of each kind, each changing one image. The update row includes its GET (a PUT needs the object).`,
    '',
    '| request | p50 ms | p99 ms | vs update (p50) |',
    '|---|---:|---:|---:|',
    `| update (GET + PUT), the baseline | ${fmt.ms(update.p50)} | ${fmt.ms(update.p99)} | 1.0× |`,
    `| strategic merge patch | ${fmt.ms(strategic.p50)} | ${fmt.ms(strategic.p99)} | ${(strategic.p50 / update.p50).toFixed(1)}× |`,
    `| server-side apply (whole configuration) | ${fmt.ms(apply.p50)} | ${fmt.ms(apply.p99)} | ${ratio.toFixed(1)}× |`,
    '',
    `Target: apply < 3× update — ${ratio < 3 ? 'met' : 'missed'} (${ratio.toFixed(1)}×).`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  await session.close();
} finally {
  await server.stop();
}
