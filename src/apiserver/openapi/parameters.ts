// The request parameters the OpenAPI documents declare, as upstream's installer derives them
// from ListOptions, DeleteOptions, CreateOptions, PatchOptions and the connect options
// structs. Names, places and types are the API's; the descriptions are ours.
//
// Clients read some of these: kubectl looks for `fieldValidation` among a patch operation's
// own parameters to decide whether the server validates fields (KUBECTL-WIRE.md §3).

export interface Param {
  readonly name: string;
  readonly in: 'query' | 'path';
  readonly type: 'string' | 'boolean' | 'integer';
  readonly description: string;
  /** Path parameters always are. */
  readonly required?: true;
}

const query = (name: string, type: Param['type'], description: string): Param => ({ name, in: 'query', type, description });
const pathParam = (name: string, description: string): Param => ({ name, in: 'path', type: 'string', description, required: true });

export const P = {
  allowWatchBookmarks: query('allowWatchBookmarks', 'boolean', 'Ask for BOOKMARK events in a watch; servers may send them at their discretion. Ignored unless watching.'),
  continue: query('continue', 'string', 'The token from a previous page\'s metadata.continue, to fetch the next page of a list.'),
  fieldSelector: query('fieldSelector', 'string', 'Only objects whose fields match this selector. Defaults to everything.'),
  labelSelector: query('labelSelector', 'string', 'Only objects whose labels match this selector. Defaults to everything.'),
  limit: query('limit', 'integer', 'The most items to return; the list\'s metadata.continue then fetches the rest. Not supported with watch.'),
  resourceVersion: query('resourceVersion', 'string', 'Which resource version the request may be served from; see the API concepts documentation.'),
  resourceVersionMatch: query('resourceVersionMatch', 'string', 'How resourceVersion applies to a list: NotOlderThan or Exact.'),
  sendInitialEvents: query('sendInitialEvents', 'boolean', 'With watch=true: start the stream with the current objects, then a bookmark marking the end of them.'),
  timeoutSeconds: query('timeoutSeconds', 'integer', 'How long a list or watch call may last, whatever happens meanwhile.'),
  watch: query('watch', 'boolean', 'Stream changes to the selected objects (add, update, delete) instead of listing them.'),
  pretty: query('pretty', 'string', 'If \'true\', the output is indented.'),
  dryRun: query('dryRun', 'string', 'All: run every stage of the request but persist nothing. Unknown values are refused.'),
  fieldManager: query('fieldManager', 'string', 'The name of the actor making the change, recorded in managedFields (at most 128 printable characters).'),
  fieldManagerApply: query('fieldManager', 'string', 'The name of the actor making the change, recorded in managedFields (at most 128 printable characters). Required for apply patches.'),
  fieldValidation: query('fieldValidation', 'string', 'What to do with unknown or duplicate fields in the body: Ignore (drop them), Warn (drop them with a warning header, the default), or Strict (refuse the request).'),
  force: query('force', 'boolean', 'For apply patches: take over fields that other managers own. Must be unset for other patch types.'),
  gracePeriodSeconds: query('gracePeriodSeconds', 'integer', 'Seconds before the object is deleted; 0 deletes at once; unset uses the default of its type.'),
  ignoreStoreReadErrorWithClusterBreakingPotential: query('ignoreStoreReadErrorWithClusterBreakingPotential', 'boolean', 'Delete an object that cannot be read from storage (corrupt or undecryptable). Unsafe: may break the cluster.'),
  orphanDependents: query('orphanDependents', 'boolean', 'Deprecated, use propagationPolicy: whether dependents are orphaned.'),
  propagationPolicy: query('propagationPolicy', 'string', 'How dependents are garbage collected: Orphan, Background or Foreground.'),
  namespace: pathParam('namespace', 'object name and auth scope, such as for teams and projects'),
  path: pathParam('path', 'path to the resource'),
} satisfies Record<string, Param>;

/** The name path parameter, described with the kind it names. */
export const nameParam = (kind: string): Param => pathParam('name', `name of the ${kind}`);

/** On list and watch paths, and on a list operation. */
export const LIST_PARAMS: readonly Param[] = [
  P.allowWatchBookmarks, P.continue, P.fieldSelector, P.labelSelector, P.limit,
  P.resourceVersion, P.resourceVersionMatch, P.sendInitialEvents, P.timeoutSeconds, P.watch,
];

export const CREATE_PARAMS: readonly Param[] = [P.dryRun, P.fieldManager, P.fieldValidation];
export const UPDATE_PARAMS = CREATE_PARAMS;
export const PATCH_PARAMS: readonly Param[] = [P.dryRun, P.fieldManagerApply, P.fieldValidation, P.force];
export const DELETE_PARAMS: readonly Param[] = [
  P.dryRun, P.gracePeriodSeconds, P.ignoreStoreReadErrorWithClusterBreakingPotential, P.orphanDependents, P.propagationPolicy,
];
export const DELETECOLLECTION_PARAMS: readonly Param[] = [
  P.continue, P.dryRun, P.fieldSelector, P.gracePeriodSeconds, P.ignoreStoreReadErrorWithClusterBreakingPotential,
  P.labelSelector, P.limit, P.orphanDependents, P.propagationPolicy, P.resourceVersion, P.resourceVersionMatch,
  P.sendInitialEvents, P.timeoutSeconds,
];

const stdio = [
  query('stderr', 'boolean', 'Redirect the standard error stream of the container.'),
  query('stdin', 'boolean', 'Redirect the standard input stream of the container.'),
  query('stdout', 'boolean', 'Redirect the standard output stream of the container.'),
  query('tty', 'boolean', 'Allocate a terminal; implies stdin.'),
];
const container = (what: string): Param => query('container', 'string', `The container to ${what}; defaults to the only container if there is one.`);

/** The query parameters of connect and log subresources, from their options structs. */
export const SUBRESOURCE_QUERY: Readonly<Record<string, readonly Param[]>> = {
  exec: [query('command', 'string', 'The command to run, one argument per parameter; not run in a shell.'), container('run the command in'), ...stdio],
  attach: [container('attach to'), ...stdio],
  portforward: [query('ports', 'integer', 'The ports to forward; may be given more than once.')],
  proxy: [query('path', 'string', 'The path of the request sent on to the target.')],
  log: [
    container('read the log of'),
    query('follow', 'boolean', 'Keep streaming the log as it grows.'),
    query('insecureSkipTLSVerifyBackend', 'boolean', 'Do not verify the kubelet\'s serving certificate when fetching the log.'),
    query('limitBytes', 'integer', 'Stop after this many bytes of log.'),
    query('previous', 'boolean', 'The log of the previous, terminated instance of the container.'),
    query('sinceSeconds', 'integer', 'Only lines newer than this many seconds.'),
    query('stream', 'string', 'Which stream to return: All, Stdout or Stderr.'),
    query('tailLines', 'integer', 'Only this many lines from the end of the log.'),
    query('timestamps', 'boolean', 'Prefix every line with an RFC 3339 timestamp.'),
  ],
};
