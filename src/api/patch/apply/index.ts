// Server-side apply and field-ownership tracking (upstream's structured-merge-diff and the
// apiserver's field manager), as pure functions for the API server's write handlers.

export { applyConfiguration, type ApplyOptions, type ApplyResult } from './apply.ts';
export { trackUpdate, managerOrUserAgent, type TrackUpdateOptions } from './update-tracking.ts';
export { ignoreManagedFieldsTimestamps } from './timestamps.ts';
export { upgradeManagedFields, CSA_MANAGER, SSA_MANAGER } from './csa-upgrade.ts';
export { FieldSet } from './field-set.ts';
export { parseFieldsV1, fieldsV1Json, fieldsV1Object } from './fields-v1.ts';
export { fieldElement, keyElement, valueElement, indexElement, pathToString, type PathElement, type FieldPath } from './path-element.ts';
export {
  decodeManagedFields, encodeManagedFields, managerIdentifier, printManager, isResetManagedFields,
  type Managed, type VersionedSet,
} from './managed-fields.ts';
export type { FieldManagerScope } from './pipeline.ts';
export { LAST_APPLIED_ANNOTATION } from './last-applied.ts';
