// Names upstream's installer gives operations and tags, e.g. operationId
// "patchAppsV1NamespacedDeployment" and tag "apps_v1" for group "apps", version "v1";
// "FlowcontrolApiserverV1" for "flowcontrol.apiserver.k8s.io".

export const capitalize = (s: string): string => (s === '' ? s : s[0]!.toUpperCase() + s.slice(1));

/** "apps" → "Apps", "rbac.authorization.k8s.io" → "RbacAuthorization", "" → "Core". */
export function groupWord(group: string): string {
  if (group === '') return 'Core';
  return group.replace(/\.k8s\.io$/, '').split('.').map(capitalize).join('');
}

/** "AppsV1", "CoreV1", "CoordinationV1". */
export const groupVersionWord = (group: string, version: string): string => `${groupWord(group)}${capitalize(version)}`;

/** "apps_v1", "core_v1", "rbacAuthorization_v1"; without a version, the group's own tag. */
export function tagOf(group: string, version?: string): string {
  const word = groupWord(group);
  const lower = word[0]!.toLowerCase() + word.slice(1);
  return version === undefined ? lower : `${lower}_${version}`;
}

/** The URL prefix of a group version: /api/v1 or /apis/{group}/{version}. */
export const pathPrefix = (group: string, version: string): string => (group === '' ? `/api/${version}` : `/apis/${group}/${version}`);

/** The key of a group version in /openapi/v3: "api/v1", "apis/apps/v1". */
export const groupVersionKey = (group: string, version: string): string => pathPrefix(group, version).slice(1);
