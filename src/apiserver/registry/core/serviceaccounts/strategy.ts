// ServiceAccounts: only metadata is validated; references to Secrets keep just the name, as
// upstream's strategy cleans them. Tokens are minted through the token subresource
// (authentication.k8s.io/v1 TokenRequest), served elsewhere.

import { ServiceAccount, ServiceAccountList } from '../../../../api/types/core/v1/index.ts';
import { nameIsDNSSubdomain } from '../../../../api/validation/names.ts';
import type { ResourceDef } from '../../resource.ts';
import { serviceAccountPrinter } from './printer.ts';

function cleanSecretReferences(sa: ServiceAccount): void {
  if (sa.secrets !== undefined) sa.secrets = sa.secrets.map((ref) => (ref.name === undefined ? {} : { name: ref.name }));
}

export const serviceaccounts: ResourceDef<ServiceAccount> = {
  group: '', version: 'v1', resource: 'serviceaccounts', singular: 'serviceaccount', kind: 'ServiceAccount', listKind: 'ServiceAccountList',
  namespaced: true, shortNames: ['sa'], shape: ServiceAccount, listShape: ServiceAccountList,
  strategy: {
    validateName: nameIsDNSSubdomain,
    prepareForCreate: cleanSecretReferences,
    prepareForUpdate: cleanSecretReferences,
  },
  subresources: [{ name: 'token', kind: 'TokenRequest', group: 'authentication.k8s.io', version: 'v1', verbs: ['create'] }],
  printer: serviceAccountPrinter,
};
