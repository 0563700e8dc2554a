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

  /** The union; `this` itself (or `other`) when the other adds nothing, so unchanged sets keep their identity. */
  union(other: FieldSet): FieldSet {
    if (other.#members.size === 0 && other.#children.size === 0) return this;
    if (this.#members.size === 0 && this.#children.size === 0) return other;
    let members: Map<string, PathElement> | undefined;
    for (const [k, pe] of other.#members) {
      if (this.#members.has(k)) continue;
      members ??= new Map(this.#members);
      members.set(k, pe);
    }
    let children: Map<string, FieldSetChild> | undefined;
    for (const [k, c] of other.#children) {
      const mine = this.#children.get(k);
      let merged = c;
      if (mine !== undefined) {
        const set = mine.set.union(c.set);
        if (set === mine.set) continue;
        merged = { pe: mine.pe, set };
      }
      children ??= new Map(this.#children);
      children.set(k, merged);
    }
    return members === undefined && children === undefined ? this : new FieldSet(members ?? new Map(this.#members), children ?? new Map(this.#children));
  }

  /** Whether every path of `other` is in this set. */
  includes(other: FieldSet): boolean {
    if (other === this) return true;
    for (const k of other.#members.keys()) if (!this.#members.has(k)) return false;
    for (const [k, c] of other.#children) {
      const mine = this.#children.get(k);
      if (mine === undefined ? !c.set.isEmpty() : !mine.set.includes(c.set)) return false;
    }
    return true;
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

  /**
   * Paths of this set not in `other`; a member of `other` does not take away paths below it.
   * `this` itself when nothing is taken away.
   */
  difference(other: FieldSet): FieldSet {
    return this.#without(other, false);
  }

  /** Like difference, but a member of `other` also takes away every path below it. */
  recursiveDifference(other: FieldSet): FieldSet {
    return this.#without(other, true);
  }

  #without(other: FieldSet, recursive: boolean): FieldSet {
    if (other.#members.size === 0 && other.#children.size === 0) return this;
    let changed = false;
    const members = new Map<string, PathElement>();
    for (const [k, pe] of this.#members) {
      if (other.#members.has(k)) changed = true;
      else members.set(k, pe);
    }
    const children = new Map<string, FieldSetChild>();
    for (const [k, c] of this.#children) {
      if (recursive && other.#members.has(k)) {
        changed = true;
        continue;
      }
      const theirs = other.#children.get(k);
      if (theirs === undefined) {
        children.set(k, c);
        continue;
      }
      const rest = c.set.#without(theirs.set, recursive);
      if (rest.isEmpty()) changed = true;
      else if (rest === c.set) children.set(k, c);
      else {
        children.set(k, { pe: c.pe, set: rest });
        changed = true;
      }
    }
    return changed ? new FieldSet(members, children) : this;
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
