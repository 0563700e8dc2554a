// Apply conflicts and the 409 they become (upstream's merge.Conflicts and NewConflictError):
// one cause per conflicting field, and a message listing them, grouped by manager when there is
// more than one.

import { compareGoStrings } from '../../go-format.ts';
import { applyConflict, type StatusCause, type StatusError } from '../../status.ts';
import type { FieldSet } from './field-set.ts';
import { printManager } from './managed-fields.ts';
import { pathToString, type FieldPath } from './path-element.ts';

export interface Conflict {
  /** The identifier of the manager owning the field. */
  readonly manager: string;
  readonly path: FieldPath;
}

/**
 * Conflicts from each manager's conflicting fields. Upstream walks a Go map here, in random
 * order; managers are sorted by identifier so that the answer is stable. Paths come in the
 * set's order: a node's members before the paths below it.
 */
export function conflictsFromManagers(sets: ReadonlyMap<string, FieldSet>): Conflict[] {
  const managers = [...sets.keys()].sort(compareGoStrings);
  return managers.flatMap((manager) => (sets.get(manager) as FieldSet).paths().map((path) => ({ manager, path })));
}

/** The conflict text: one conflict inline, several grouped under their managers. */
export function conflictMessage(conflicts: readonly Conflict[]): string {
  const [only] = conflicts;
  if (conflicts.length === 1 && only !== undefined) {
    return `Apply failed with 1 conflict: conflict with ${printManager(only.manager)}: ${pathToString(only.path)}`;
  }
  const byManager = new Map<string, string[]>();
  for (const c of conflicts) {
    const paths = byManager.get(c.manager) ?? [];
    paths.push(pathToString(c.path));
    byManager.set(c.manager, paths);
  }
  const lines: string[] = [];
  for (const manager of [...byManager.keys()].sort(compareGoStrings)) {
    lines.push(`conflicts with ${printManager(manager)}:`);
    for (const p of byManager.get(manager) ?? []) lines.push(`- ${p}`);
  }
  return `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
}

/** The 409 Conflict Status for apply conflicts. */
export function conflictError(conflicts: readonly Conflict[]): StatusError {
  const causes = conflicts.map((c): StatusCause => ({
    reason: 'FieldManagerConflict',
    message: `conflict with ${printManager(c.manager)}`,
    field: pathToString(c.path),
  }));
  return applyConflict(causes, conflictMessage(conflicts));
}
