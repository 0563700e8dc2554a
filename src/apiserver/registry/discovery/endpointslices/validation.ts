// EndpointSlice validation, as upstream's discovery validation (ValidateEndpointSlice,
// validateEndpoints, validatePorts, validateHints).

import { duplicate, invalid, notSupported, path, required, tooMany, type FieldError, type Path } from '../../../../api/field-errors.ts';
import type { Endpoint, EndpointHints, EndpointPort, EndpointSlice } from '../../../../api/types/discovery/v1/index.ts';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue, validateLabels } from '../../../../api/validation/names.ts';
import { isIPv4, parseIP, specialAddressErrors } from './ip.ts';

const ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const MAX_TOPOLOGY_LABELS = 16;
const MAX_ADDRESSES = 100;
const MAX_PORTS = 20000;
const MAX_ENDPOINTS = 1000;
const MAX_ZONE_HINTS = 8;

/** Upstream's IsFullyQualifiedDomainName: a DNS subdomain of at least two labels, trailing dot allowed. */
function validateFQDN(value: string, at: Path): FieldError[] {
  if (value === '') return [required(at)];
  const name = value.endsWith('.') ? value.slice(0, -1) : value;
  const subdomain = isDNS1123Subdomain(name);
  if (subdomain.length > 0) return [invalid(at, name, subdomain.join(','))];
  const labels = name.split('.');
  if (labels.length < 2) return [invalid(at, name, 'should be a domain with at least two segments separated by dots')];
  for (const label of labels) {
    const errs = isDNS1123Label(label);
    if (errs.length > 0) return [invalid(at, label, errs.join(','))];
  }
  return [];
}

function validateAddress(address: string, type: string, at: Path): FieldError[] {
  if (type === 'FQDN') return validateFQDN(address, at);
  if (type !== 'IPv4' && type !== 'IPv6') return [];
  const ip = parseIP(address);
  const errs: FieldError[] = [];
  if (ip === undefined || isIPv4(ip) !== (type === 'IPv4')) errs.push(invalid(at, address, `must be a valid ${type} address`));
  errs.push(...specialAddressErrors(address).map((m) => invalid(at, address, m)));
  return errs;
}

function validateHints(hints: EndpointHints, at: Path): FieldError[] {
  const zones = hints.forZones ?? [];
  if (zones.length > MAX_ZONE_HINTS) return [tooMany(at.child('forZones'), zones.length, MAX_ZONE_HINTS)];
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  zones.forEach((zone, i) => {
    const here = at.child('forZones').index(i).child('name');
    if (seen.has(zone.name)) errs.push(duplicate(here, zone.name));
    else seen.add(zone.name);
    errs.push(...isValidLabelValue(zone.name).map((m) => invalid(here, zone.name, m)));
  });
  return errs;
}

function validateEndpoint(endpoint: Endpoint, type: string, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  const addresses = endpoint.addresses ?? [];
  const addressesAt = at.child('addresses');
  if (addresses.length === 0) errs.push(required(addressesAt, 'must contain at least 1 address'));
  else if (addresses.length > MAX_ADDRESSES) errs.push(tooMany(addressesAt, addresses.length, MAX_ADDRESSES));
  addresses.forEach((address, i) => errs.push(...validateAddress(address, type, addressesAt.index(i))));
  if (endpoint.nodeName !== undefined) {
    errs.push(...isDNS1123Subdomain(endpoint.nodeName).map((m) => invalid(at.child('nodeName'), endpoint.nodeName, m)));
  }
  const topology = endpoint.deprecatedTopology ?? {};
  if (Object.keys(topology).length > MAX_TOPOLOGY_LABELS) errs.push(tooMany(at.child('deprecatedTopology'), Object.keys(topology).length, MAX_TOPOLOGY_LABELS));
  errs.push(...validateLabels(topology, at.child('deprecatedTopology')));
  if (endpoint.hostname !== undefined) errs.push(...isDNS1123Label(endpoint.hostname).map((m) => invalid(at.child('hostname'), endpoint.hostname, m)));
  if (endpoint.hints !== undefined) errs.push(...validateHints(endpoint.hints, at.child('hints')));
  return errs;
}

function validatePorts(ports: readonly EndpointPort[], at: Path): FieldError[] {
  if (ports.length > MAX_PORTS) return [tooMany(at, ports.length, MAX_PORTS)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const here = at.index(i);
    const name = port.name ?? '';
    if (name !== '') errs.push(...isDNS1123Label(name).map((m) => invalid(here.child('name'), name, m)));
    if (names.has(name)) errs.push(duplicate(here.child('name'), name));
    else names.add(name);
    const protocol: string | undefined = port.protocol;
    if (protocol === undefined) errs.push(required(here.child('protocol')));
    else if (!PROTOCOLS.includes(protocol)) errs.push(notSupported(here.child('protocol'), protocol, PROTOCOLS));
    if (port.appProtocol !== undefined) {
      errs.push(...isQualifiedName(port.appProtocol).map((m) => invalid(here.child('appProtocol'), port.appProtocol, m)));
    }
  });
  return errs;
}

export function validateEndpointSlice(slice: EndpointSlice): FieldError[] {
  const type: string = slice.addressType ?? '';
  const errs: FieldError[] = [];
  if (type === '') errs.push(required(path('addressType')));
  else if (!ADDRESS_TYPES.includes(type)) errs.push(notSupported(path('addressType'), type, ADDRESS_TYPES));
  const endpoints = slice.endpoints ?? [];
  if (endpoints.length > MAX_ENDPOINTS) errs.push(tooMany(path('endpoints'), endpoints.length, MAX_ENDPOINTS));
  else endpoints.forEach((endpoint, i) => errs.push(...validateEndpoint(endpoint, type, path('endpoints').index(i))));
  errs.push(...validatePorts(slice.ports ?? [], path('ports')));
  return errs;
}

export function validateEndpointSliceUpdate(slice: EndpointSlice, old: EndpointSlice): FieldError[] {
  const errs = validateEndpointSlice(slice);
  if (slice.addressType !== old.addressType) errs.push(invalid(path('addressType'), slice.addressType ?? '', 'field is immutable'));
  return errs;
}
