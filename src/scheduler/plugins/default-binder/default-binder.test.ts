import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CycleState } from '../../framework/cycle-state.ts';
import { fakeApi, fakeHandle, framework, makePod, snapshot } from '../../testing.fixture.ts';

test('DefaultBinder binds through the API; a failed binding is an Error status with its message', async () => {
  const cases: { name: string; fail?: string; want: { code: string; reasons: string[] }; bound: [string, string][] }[] = [
    { name: 'successful', want: { code: 'Success', reasons: [] }, bound: [['p', 'node1']] },
    { name: 'binding error', fail: 'pods "p" not found', want: { code: 'Error', reasons: ['running Bind plugin "DefaultBinder": pods "p" not found'] }, bound: [] },
  ];
  for (const c of cases) {
    const api = fakeApi();
    if (c.fail !== undefined) api.bind = () => Promise.reject(new Error(c.fail));
    const fwk = framework({}, fakeHandle({ api }));
    const pod = makePod('p', { nodeName: 'node1' });
    const s = await fwk.runBindingCycle(new CycleState(snapshot([])), pod, 'node1', new AbortController().signal);
    assert.deepEqual({ code: s.code, reasons: s.reasons }, c.want, c.name);
    if (c.fail !== undefined) assert.equal(s.plugin, 'DefaultBinder');
    assert.deepEqual(api.bound, c.bound, c.name);
  }
});
