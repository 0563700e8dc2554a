import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fieldErrorMessage } from '../../../../api/field-errors.ts';
import type { EndpointSubset, Endpoints } from '../../../../api/types/core/v1/index.ts';
import { endpointsPrinter, formatEndpoints } from './printer.ts';
import { endpoints, validateEndpoints } from './strategy.ts';

function ep(subsets: EndpointSubset[]): Endpoints {
  return { metadata: { name: 'web', namespace: 'default', creationTimestamp: '2026-01-01T00:00:00Z' }, subsets };
}

test('defaults: port protocol TCP', () => {
  const e = ep([{ addresses: [{ ip: '10.42.0.5' }], ports: [{ port: 80 }, { port: 53, protocol: 'UDP' }] }]);
  endpoints.strategy.defaults?.(e);
  assert.deepEqual(e.subsets?.[0]?.ports, [{ port: 80, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }]);
});

test('validation, with upstream messages', () => {
  const cases: Array<{ name: string; subsets: EndpointSubset[]; want: string[] }> = [
    { name: 'valid', subsets: [{ addresses: [{ ip: '10.42.0.5', hostname: 'web-0', nodeName: 'node-1' }], notReadyAddresses: [{ ip: 'fd00::5' }], ports: [{ port: 80, protocol: 'TCP' }] }], want: [] },
    { name: 'headless: no ports', subsets: [{ addresses: [{ ip: '10.42.0.5' }] }], want: [] },
    { name: 'addresses required', subsets: [{ ports: [{ port: 80, protocol: 'TCP' }] }], want: ['subsets[0]: Required value: must specify `addresses` or `notReadyAddresses`'] },
    {
      name: 'bad IP',
      subsets: [{ addresses: [{ ip: '10.42.0' }] }],
      want: ['subsets[0].addresses[0].ip: Invalid value: "10.42.0": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)', 'subsets[0].addresses[0].ip: Invalid value: "10.42.0": must be a valid IP address'],
    },
    { name: 'loopback', subsets: [{ notReadyAddresses: [{ ip: '127.0.0.1' }] }], want: ['subsets[0].notReadyAddresses[0].ip: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)'] },
    {
      name: 'hostname',
      subsets: [{ addresses: [{ ip: '10.42.0.5', hostname: 'Web' }] }],
      want: ["subsets[0].addresses[0].hostname: Invalid value: \"Web\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"],
    },
    {
      name: 'ports: names when several, numbers, protocols',
      subsets: [{ addresses: [{ ip: '10.42.0.5' }], ports: [{ port: 80, protocol: 'TCP' }, { name: 'b', port: 0, protocol: 'ICMP' as 'TCP' }, { name: 'c', port: 1 }] }],
      want: [
        'subsets[0].ports[0].name: Required value',
        'subsets[0].ports[1].port: Invalid value: 0: must be between 1 and 65535, inclusive',
        'subsets[0].ports[1].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"',
        'subsets[0].ports[2].protocol: Required value',
      ],
    },
  ];
  for (const c of cases) assert.deepEqual(validateEndpoints(ep(c.subsets)).map(fieldErrorMessage), c.want, c.name);
});

test('printer: the first three, then how many more', () => {
  const addrs = (...ips: string[]): Array<{ ip: string }> => ips.map((ip) => ({ ip }));
  const cases: Array<{ name: string; subsets: EndpointSubset[] | undefined; want: string }> = [
    { name: 'none', subsets: undefined, want: '<none>' },
    { name: 'not ready only', subsets: [{ notReadyAddresses: addrs('10.0.0.1'), ports: [{ port: 80 }] }], want: '' },
    { name: 'two', subsets: [{ addresses: addrs('10.0.0.1', '10.0.0.2'), ports: [{ port: 80 }] }], want: '10.0.0.1:80,10.0.0.2:80' },
    { name: 'three exactly', subsets: [{ addresses: addrs('10.0.0.1', '10.0.0.2', '10.0.0.3'), ports: [{ port: 80 }] }], want: '10.0.0.1:80,10.0.0.2:80,10.0.0.3:80' },
    { name: 'more', subsets: [{ addresses: addrs('10.0.0.1', '10.0.0.2'), ports: [{ port: 80 }, { port: 443 }] }], want: '10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 1 more...' },
    { name: 'across subsets, IPv6, headless', subsets: [{ addresses: addrs('fd00::1'), ports: [{ port: 80 }] }, { addresses: addrs('10.0.0.9', '10.0.0.8', '10.0.0.7') }], want: '[fd00::1]:80,10.0.0.9,10.0.0.8 + 1 more...' },
  ];
  for (const c of cases) assert.equal(formatEndpoints(ep(c.subsets ?? [])), c.subsets === undefined ? '<none>' : c.want, c.name);
  assert.deepEqual(endpointsPrinter.cells(ep([{ addresses: addrs('10.0.0.1'), ports: [{ port: 80 }] }]), Date.parse('2026-01-01T00:00:30Z')), ['web', '10.0.0.1:80', '30s']);
  assert.deepEqual(endpointsPrinter.columns.map((c) => c.name), ['Name', 'Endpoints', 'Age']);
});
