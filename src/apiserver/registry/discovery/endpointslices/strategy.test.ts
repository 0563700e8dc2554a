import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fieldErrorMessage } from '../../../../api/field-errors.ts';
import { jsonClone } from '../../../../api/json-equal.ts';
import type { EndpointSlice } from '../../../../api/types/discovery/v1/index.ts';
import { endpointslices } from './strategy.ts';

function slice(fields: Partial<EndpointSlice> = {}): EndpointSlice {
  const s: EndpointSlice = {
    metadata: { name: 'web-abc12', namespace: 'default', creationTimestamp: '2024-05-01T12:00:00Z' },
    addressType: 'IPv4',
    endpoints: [{ addresses: ['10.42.0.5'], conditions: { ready: true }, nodeName: 'node-1' }],
    ports: [{ name: 'http', port: 80 }],
    ...fields,
  };
  endpointslices.strategy.defaults?.(s);
  return s;
}

const validate = (s: EndpointSlice): string[] => (endpointslices.strategy.validate?.(s) ?? []).map(fieldErrorMessage);

test('endpointslice defaults: TCP ports with a name', () => {
  assert.deepEqual(slice({ ports: [{ port: 53, protocol: 'UDP' }, { port: 80 }] }).ports,
    [{ port: 53, protocol: 'UDP', name: '' }, { port: 80, name: '', protocol: 'TCP' }]);
});

test('endpointslice addresses must suit the address type', () => {
  const cases: [Partial<EndpointSlice>, string[]][] = [
    [{}, []],
    [{ addressType: 'IPv6', endpoints: [{ addresses: ['fd00::5', '2001:db8::1'] }] }, []],
    [{ addressType: 'FQDN', endpoints: [{ addresses: ['db.example.com.'] }] }, []],
    [{ endpoints: [{ addresses: ['10.0.0.300'] }] }, [
      'endpoints[0].addresses[0]: Invalid value: "10.0.0.300": must be a valid IPv4 address',
      'endpoints[0].addresses[0]: Invalid value: "10.0.0.300": must be a valid IP address',
    ]],
    [{ endpoints: [{ addresses: ['fd00::1'] }] }, ['endpoints[0].addresses[0]: Invalid value: "fd00::1": must be a valid IPv4 address']],
    [{ endpoints: [{ addresses: ['127.0.0.1', '169.254.169.254', '0.0.0.0'] }] }, [
      'endpoints[0].addresses[0]: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
      'endpoints[0].addresses[1]: Invalid value: "169.254.169.254": may not be in the link-local range (169.254.0.0/16, fe80::/10)',
      'endpoints[0].addresses[2]: Invalid value: "0.0.0.0": may not be unspecified (0.0.0.0)',
    ]],
    [{ addressType: 'IPv6', endpoints: [{ addresses: ['::ffff:10.0.0.1', 'ff02::1'] }] }, [
      'endpoints[0].addresses[0]: Invalid value: "::ffff:10.0.0.1": must be a valid IPv6 address',
      'endpoints[0].addresses[1]: Invalid value: "ff02::1": may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)',
    ]],
    [{ addressType: 'FQDN', endpoints: [{ addresses: ['localhost'] }] },
      ['endpoints[0].addresses[0]: Invalid value: "localhost": should be a domain with at least two segments separated by dots']],
    [{ endpoints: [{ addresses: [] }] }, ['endpoints[0].addresses: Required value: must contain at least 1 address']],
    [{ addressType: 'IP' as 'IPv4', endpoints: [] }, ['addressType: Unsupported value: "IP": supported values: "FQDN", "IPv4", "IPv6"']],
    [{ ports: [{ name: 'http', port: 80, protocol: 'TCP' }, { name: 'http', port: 81, protocol: 'HTTP' as 'TCP' }] }, [
      'ports[1].name: Duplicate value: "http"',
      'ports[1].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
    ]],
  ];
  for (const [fields, want] of cases) assert.deepEqual(validate(slice(fields)), want, JSON.stringify(fields));
});

test('endpointslice address type is immutable; v1 writes drop deprecatedTopology', () => {
  const old = slice();
  const next = slice({ addressType: 'IPv6', endpoints: [] });
  assert.deepEqual((endpointslices.strategy.validateUpdate?.(next, old) ?? []).map(fieldErrorMessage), ['addressType: Invalid value: "IPv6": field is immutable']);
  const created = slice({ endpoints: [{ addresses: ['10.42.0.5'], deprecatedTopology: { 'kubernetes.io/hostname': 'node-1' } }] });
  endpointslices.strategy.prepareForCreate?.(created);
  assert.deepEqual(created.endpoints, [{ addresses: ['10.42.0.5'] }]);
  const stored = slice({ endpoints: [{ addresses: ['10.42.0.5'], deprecatedTopology: { 'kubernetes.io/hostname': 'node-1' } }] });
  const updated = jsonClone(stored);
  updated.endpoints.push({ addresses: ['10.42.0.6'] });
  endpointslices.strategy.prepareForUpdate?.(updated, stored);
  assert.deepEqual(updated.endpoints, [{ addresses: ['10.42.0.5'], nodeName: 'node-1' }, { addresses: ['10.42.0.6'] }]);
});

test('endpointslice printer: NAME ADDRESSTYPE PORTS ENDPOINTS AGE', () => {
  const printer = endpointslices.printer;
  assert.ok(printer);
  assert.deepEqual(printer.columns.map((c) => c.name), ['Name', 'AddressType', 'Ports', 'Endpoints', 'Age']);
  const now = Date.parse('2024-05-01T12:10:00Z');
  const many = slice({
    endpoints: ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5'].map((a) => ({ addresses: [a] })),
    ports: [{ port: 80 }, { name: 'metrics' }, {}, { port: 9090 }],
  });
  // The third port has neither number nor name; defaulted to name "", it prints as nothing.
  assert.deepEqual(printer.cells(many, now), ['web-abc12', 'IPv4', '80,metrics, + 1 more...', '10.0.0.1,10.0.0.2,10.0.0.3 + 2 more...', '10m']);
  assert.deepEqual(printer.cells(slice({ endpoints: [], ports: [] }), now).slice(2, 4), ['<unset>', '<unset>']);
});
