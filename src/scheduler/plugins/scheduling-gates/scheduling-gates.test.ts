import assert from 'node:assert/strict';
import { test } from 'node:test';
import { framework, makePod } from '../../testing.fixture.ts';

test('SchedulingGates PreEnqueue: a gated pod waits, naming its gates', () => {
  const cases: { name: string; gates?: string[]; want: { code: string; reasons: string[] } }[] = [
    { name: 'no gates', want: { code: 'Success', reasons: [] } },
    { name: 'all gates removed', gates: [], want: { code: 'Success', reasons: [] } },
    { name: 'two gates', gates: ['foo', 'bar'], want: { code: 'UnschedulableAndUnresolvable', reasons: ['waiting for scheduling gates: [foo bar]'] } },
  ];
  const fwk = framework();
  for (const c of cases) {
    const s = fwk.runPreEnqueue(makePod('p', c.gates === undefined ? {} : { schedulingGates: c.gates.map((name) => ({ name })) }));
    assert.deepEqual({ code: s.code, reasons: s.reasons }, c.want, c.name);
    if (c.want.code !== 'Success') assert.equal(s.plugin, 'SchedulingGates');
  }
});
