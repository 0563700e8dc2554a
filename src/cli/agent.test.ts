import assert from 'node:assert/strict';
import { hostname } from 'node:os';
import { test } from 'node:test';
import { agentFlagSpecs, agentSettings } from './agent.ts';
import { parseFlags } from './flags.ts';

test('agent flags: defaults, values, and clear errors for bad ones', () => {
  const defaults = agentSettings(parseFlags([], agentFlagSpecs));
  assert.deepEqual(defaults, { nodeName: hostname().toLowerCase(), kubeletPort: 10250, cniBridge: 'cni0', clusterDNS: '10.43.0.10', clusterDomain: 'cluster.local' });
  const given = agentSettings(parseFlags(['--node-name', 'Node-A', '--kubelet-port', '10351', '--cni-bridge', 'k8tsa0', '--container-runtime-endpoint', 'unix:///run/c.sock'], agentFlagSpecs));
  assert.equal(given.nodeName, 'node-a');
  assert.equal(given.kubeletPort, 10351);
  assert.equal(given.cniBridge, 'k8tsa0');
  assert.equal(given.containerRuntimeEndpoint, 'unix:///run/c.sock');
  const bad: [string[], RegExp][] = [
    [['--node-name', 'bad_name'], /not a valid node name/],
    [['--kubelet-port', '70000'], /is not a port/],
    [['--kubelet-port', 'x'], /whole number/],
    [['--container-runtime-endpoint', '/run/c.sock'], /unix:\/\/\/path/],
    [['--cni-bridge', 'a-bridge-name-too-long'], /not a Linux interface name/],
  ];
  for (const [argv, want] of bad) assert.throws(() => agentSettings(parseFlags(argv, agentFlagSpecs)), want, argv.join(' '));
});
