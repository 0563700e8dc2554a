// A `default` ServiceAccount and the `kube-root-ca.crt` ConfigMap in every namespace.
export { DEFAULT_SERVICE_ACCOUNT, serviceAccountController, ServiceAccountController } from './serviceaccounts.ts';
export { ROOT_CA_CONFIG_MAP, rootCaConfigMapController, RootCaPublisher, wantedData } from './root-ca.ts';
