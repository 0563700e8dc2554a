// Sets of field paths (upstream's fieldpath.Set): a trie whose nodes hold members (paths that
// end at this node) and children (paths that continue below an element). A node can be both:
// `.` in FieldsV1 says "this element itself" next to its children.
//
// Contract: a set is built with insert()/descend() and is not changed afterwards. The set
// operations return new sets that may share untouched subtrees with their inputs, so mutating a
// set after it took part in an operation could change another set.

import { compareElements, type FieldPath, type PathElement } from './path-element.ts';

export interface FieldSetChild {
  readonly pe: PathElement;
  readonly set: FieldSet;
}

function byElement(a: PathElement, b: PathElement): number {
  return compareElements(a, b);
}

export class FieldSet {
  readonly #members: Map<string, PathElement>;
  readonly #children: Map<string, FieldSetChild>;

  constructor(members?: Map<string, PathElement>, children?: Map<string, FieldSetChild>) {
    this.#members = members ?? new Map();
    this.#children = children ?? new Map();
  }

  /** A set holding the given paths. */
  static of(...paths: FieldPath[]): FieldSet {
    const set = new FieldSet();
    for (const p of paths) set.insert(p);
    return set;
  }

  /** Adds a path (construction only). The empty path adds nothing, as upstream. */
  insert(path: FieldPath): this {
    const last = path.length - 1;
    if (last < 0) return this;
    let node = last === 0 ? undefined : this.descend(path[0] as PathElement);
    for (let i = 1; i < last; i++) node = (node as FieldSet).descend(path[i] as PathElement);
    (node ?? this).insertMember(path[last] as PathElement);
    return this;
  }

  insertMember(pe: PathElement): void {
    if (!this.#members.has(pe.token)) this.#members.set(pe.token, pe);
  }

  /** The child set below `pe`, created when missing (construction only). */
  descend(pe: PathElement): FieldSet {
    const found = this.#children.get(pe.token);
    if (found !== undefined) return found.set;
    const set = new FieldSet();
    this.#children.set(pe.token, { pe, set });
    return set;
  }

  /** Replaces the child set below `pe` (construction only). */
  setChild(pe: PathElement, set: FieldSet): void {
    this.#children.set(pe.token, { pe, set });
  }

  hasMember(pe: PathElement): boolean {
    return this.#members.has(pe.token);
  }

  has(path: FieldPath): boolean {
    const last = path.length - 1;
    if (last < 0) return false;
    if (last === 0) return this.hasMember(path[0] as PathElement);
    let node = this.child(path[0] as PathElement);
    for (let i = 1; i < last && node !== undefined; i++) node = node.child(path[i] as PathElement);
    return node !== undefined && node.hasMember(path[last] as PathElement);
  }

  /** The set of paths below `pe`, or undefined when there are none. */
  child(pe: PathElement): FieldSet | undefined {
    return this.#children.get(pe.token)?.set;
  }

  /** The set of paths below `pe` (upstream's WithPrefix): empty when there are none. */
  withPrefix(pe: PathElement): FieldSet {
    return this.child(pe) ?? EMPTY;
  }

  get memberCount(): number {
    return this.#members.size;
  }

  get childCount(): number {
    return this.#children.size;
  }

  members(): IterableIterator<PathElement> {
    return this.#members.values();
  }

  children(): IterableIterator<FieldSetChild> {
    return this.#children.values();
  }

  sortedMembers(): PathElement[] {
    return [...this.#members.values()].sort(byElement);
  }

  sortedChildren(): FieldSetChild[] {
    return [...this.#children.values()].sort((a, b) => byElement(a.pe, b.pe));
  }

  isEmpty(): boolean {
    if (this.#members.size > 0) return false;
    for (const c of this.#children.values()) if (!c.set.isEmpty()) return false;
    return true;
  }

  /** The number of paths in the set. */
  size(): number {
    let n = this.#members.size;
    for (const c of this.#children.values()) n += c.set.size();
    return n;
  }

  union(other: FieldSet): FieldSet {
    if (other.#members.size === 0 && other.#children.size === 0) return this;
    if (this.#members.size === 0 && this.#children.size === 0) return other;
    const members = new Map(this.#members);
    for (const [k, pe] of other.#members) if (!members.has(k)) members.set(k, pe);
    const children = new Map(this.#children);
    for (const [k, c] of other.#children) {
      const mine = children.get(k);
      children.set(k, mine === undefined ? c : { pe: mine.pe, set: mine.set.union(c.set) });
    }
    return new FieldSet(members, children);
  }

  intersection(other: FieldSet): FieldSet {
    const members = new Map<string, PathElement>();
    for (const [k, pe] of this.#members) if (other.#members.has(k)) members.set(k, pe);
    const children = new Map<string, FieldSetChild>();
    for (const [k, c] of this.#children) {
      const theirs = other.#children.get(k);
      if (theirs === undefined) continue;
      const common = c.set.intersection(theirs.set);
      if (!common.isEmpty()) children.set(k, { pe: c.pe, set: common });
    }
    return new FieldSet(members, children);
  }

  /** Paths of this set not in `other`; a member of `other` does not take away paths below it. */
  difference(other: FieldSet): FieldSet {
    const members = new Map<string, PathElement>();
    for (const [k, pe] of this.#members) if (!other.#members.has(k)) members.set(k, pe);
    const children = new Map<string, FieldSetChild>();
    for (const [k, c] of this.#children) {
      const theirs = other.#children.get(k);
      if (theirs === undefined) {
        children.set(k, c);
        continue;
      }
      const rest = c.set.difference(theirs.set);
      if (!rest.isEmpty()) children.set(k, { pe: c.pe, set: rest });
    }
    return new FieldSet(members, children);
  }

  /** Like difference, but a member of `other` also takes away every path below it. */
  recursiveDifference(other: FieldSet): FieldSet {
    const members = new Map<string, PathElement>();
    for (const [k, pe] of this.#members) if (!other.#members.has(k)) members.set(k, pe);
    const children = new Map<string, FieldSetChild>();
    for (const [k, c] of this.#children) {
      if (other.#members.has(k)) continue;
      const theirs = other.#children.get(k);
      if (theirs === undefined) {
        children.set(k, c);
        continue;
      }
      const rest = c.set.recursiveDifference(theirs.set);
      if (!rest.isEmpty()) children.set(k, { pe: c.pe, set: rest });
    }
    return new FieldSet(members, children);
  }

  equals(other: FieldSet): boolean {
    if (this.#members.size !== other.#members.size || this.#children.size !== other.#children.size) return false;
    for (const k of this.#members.keys()) if (!other.#members.has(k)) return false;
    for (const [k, c] of this.#children) {
      const theirs = other.#children.get(k);
      if (theirs === undefined || !c.set.equals(theirs.set)) return false;
    }
    return true;
  }

  /** Every path, in upstream's order: a node's members first, then its children's paths. */
  paths(): FieldPath[] {
    const out: FieldPath[] = [];
    const walk = (set: FieldSet, prefix: PathElement[]): void => {
      for (const pe of set.sortedMembers()) out.push([...prefix, pe]);
      for (const c of set.sortedChildren()) walk(c.set, [...prefix, c.pe]);
    };
    walk(this, []);
    return out;
  }
}

const EMPTY = new FieldSet();
