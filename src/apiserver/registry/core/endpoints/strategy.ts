// Endpoints: the legacy address list of a Service, written by the endpoints controller (or by
// hand for selectorless Services). Defaults and validation as upstream's.

import { invalid, notSupported, path, required, type FieldError, type Path } from '../../../../api/field-errors.ts';
import { Endpoints, EndpointsList, type EndpointAddress, type EndpointPort } from '../../../../api/types/core/v1/index.ts';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, nameIsDNSSubdomain } from '../../../../api/validation/names.ts';
import type { ResourceDef } from '../../resource.ts';
import { validateIP, validateNonSpecialIP } from '../services/ip.ts';
import { isValidPortNum } from '../services/ports.ts';
import { PROTOCOLS } from '../services/validation.ts';
import { endpointsPrinter } from './printer.ts';

function validateAddress(address: EndpointAddress, at: Path): FieldError[] {
  const errs = validateIP(at.child('ip'), address.ip);
  const hostname = address.hostname ?? '';
  if (hostname !== '') errs.push(...isDNS1123Label(hostname).map((m) => invalid(at.child('hostname'), hostname, m)));
  if (address.nodeName !== undefined) {
    const nodeName = address.nodeName;
    errs.push(...isDNS1123Subdomain(nodeName).map((m) => invalid(at.child('nodeName'), nodeName, m)));
  }
  errs.push(...validateNonSpecialIP(at.child('ip'), address.ip));
  return errs;
}

function validatePort(port: EndpointPort, requireName: boolean, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  const name = port.name ?? '';
  if (requireName && name === '') errs.push(required(at.child('name')));
  else if (name !== '') errs.push(...isDNS1123Label(name).map((m) => invalid(at.child('name'), name, m)));
  errs.push(...isValidPortNum(port.port).map((m) => invalid(at.child('port'), port.port, m)));
  if ((port.protocol ?? '') === '') errs.push(required(at.child('protocol')));
  else if (!PROTOCOLS.includes(port.protocol ?? '')) errs.push(notSupported(at.child('protocol'), port.protocol, PROTOCOLS));
  if (port.appProtocol !== undefined) {
    const appProtocol = port.appProtocol;
    errs.push(...isQualifiedName(appProtocol).map((m) => invalid(at.child('appProtocol'), appProtocol, m)));
  }
  return errs;
}

export function validateEndpoints(ep: Endpoints): FieldError[] {
  const errs: FieldError[] = [];
  (ep.subsets ?? []).forEach((subset, i) => {
    const at = path('subsets').index(i);
    const addresses = subset.addresses ?? [];
    const notReady = subset.notReadyAddresses ?? [];
    // Headless Services may have endpoints without ports, never without addresses.
    if (addresses.length === 0 && notReady.length === 0) errs.push(required(at, 'must specify `addresses` or `notReadyAddresses`'));
    addresses.forEach((a, j) => errs.push(...validateAddress(a, at.child('addresses').index(j))));
    notReady.forEach((a, j) => errs.push(...validateAddress(a, at.child('notReadyAddresses').index(j))));
    const ports = subset.ports ?? [];
    ports.forEach((p, j) => errs.push(...validatePort(p, ports.length > 1, at.child('ports').index(j))));
  });
  return errs;
}

export const endpoints: ResourceDef<Endpoints> = {
  group: '', version: 'v1', resource: 'endpoints', singular: 'endpoints', kind: 'Endpoints', listKind: 'EndpointsList',
  namespaced: true, shortNames: ['ep'], shape: Endpoints, listShape: EndpointsList,
  strategy: {
    validateName: nameIsDNSSubdomain,
    allowCreateOnUpdate: true,
    allowUnconditionalUpdate: true,
    defaults(ep) {
      for (const subset of ep.subsets ?? []) for (const port of subset.ports ?? []) port.protocol ||= 'TCP';
    },
    validate: validateEndpoints,
    validateUpdate: validateEndpoints,
  },
  printer: endpointsPrinter,
};
