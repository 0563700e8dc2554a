import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { youngGenerationChosen } from './agent-heap.ts';

test('a young-generation flag given at start wins over the agent\'s setting', () => {
  const cases: [string[], string, boolean][] = [
    [[], '', false],
    [['--max-semi-space-size=2'], '', true],
    [['--max_semi_space_size', '2'], '', true],
    [['--semi-space-growth-factor=4'], '', true],
    [[], '--max-old-space-size=100 --max-semi-space-size=8', true],
    [['--max-old-space-size=100', '--cpu-prof'], '--enable-source-maps', false],
    [['--max-semi-space-sizes=2'], '', false],
  ];
  for (const [argv, options, want] of cases) assert.equal(youngGenerationChosen(argv, options), want, `${argv.join(' ')} | ${options}`);
});

/** Runs a Node process that (maybe) calls keepYoungGenerationSmall, then allocates as a batch of pod starts would; returns its new space size in MiB. */
function newSpaceMiB(nodeArgs: string[], call: boolean): { set: boolean | null; mib: number } {
  const script = `
    import { getHeapSpaceStatistics } from 'node:v8';
    import { keepYoungGenerationSmall } from ${JSON.stringify(new URL('./agent-heap.ts', import.meta.url).href)};
    const set = ${call} ? keepYoungGenerationSmall() : null;
    const kept = [];
    for (let round = 0; round < 100; round++) {
      const objects = [];
      for (let i = 0; i < 20000; i++) objects.push({ i, name: 'pod-' + i, ports: [i, i + 1] });
      kept.push(objects[round]);
    }
    const space = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
    process.stdout.write(JSON.stringify({ set, mib: space.space_size / 2 ** 20 }));`;
  const r = spawnSync(process.execPath, [...nodeArgs, '--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' }, timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as { set: boolean | null; mib: number };
}

test('the young generation stays at its starting size once the agent keeps it small', () => {
  const grown = newSpaceMiB([], false);
  const kept = newSpaceMiB([], true);
  const chosen = newSpaceMiB(['--max-semi-space-size=8'], true);
  assert.ok(grown.mib > 8, `without the setting the new space grows (${grown.mib} MiB)`);
  assert.equal(kept.set, true);
  assert.ok(kept.mib <= 4, `new space ${kept.mib} MiB`);
  assert.equal(chosen.set, false);
  assert.ok(chosen.mib > 4, `the user's 8 MiB semi-spaces are left to grow (${chosen.mib} MiB)`);
});
