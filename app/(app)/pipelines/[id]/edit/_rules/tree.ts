import type { Condition } from "@/workflows/definition/schema";

/*
 * Edits of a condition tree as pure functions: the rule builder's buttons call these and hand
 * the new tree to onChange, so every edit is one value the editor's undo history can hold.
 */

export type Group = { all: Condition[] } | { any: Condition[] };

export const isGroup = (c: Condition): c is Group => "all" in c || "any" in c;

/** The members of a group. */
export const members = (g: Group): Condition[] => ("all" in g ? g.all : g.any);

/** A group of the same kind with other members. */
export const withMembers = (g: Group, list: Condition[]): Group =>
  "all" in g ? { all: list } : { any: list };

/** all ↔ any, keeping the members. */
export const toggleGroup = (g: Group): Group => ("all" in g ? { any: g.all } : { all: g.any });

/** A condition with one more member: a group grows, anything else becomes "all of" itself and the new one. */
export function addMember(c: Condition | undefined, member: Condition): Condition {
  if (!c) return member;
  return isGroup(c) ? withMembers(c, [...members(c), member]) : { all: [c, member] };
}

/** The group without its i-th member. */
export const removeMember = (g: Group, i: number): Group =>
  withMembers(
    g,
    members(g).filter((_, j) => j !== i),
  );

/** The group with its i-th member replaced. */
export const replaceMember = (g: Group, i: number, next: Condition): Group =>
  withMembers(
    g,
    members(g).map((c, j) => (j === i ? next : c)),
  );

/** "not" around a condition, or the condition itself when it already was negated (double negation drops). */
export const toggleNot = (c: Condition): Condition => ("not" in c ? c.not : { not: c });
