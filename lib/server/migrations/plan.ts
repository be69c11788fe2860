import { asc, eq } from "drizzle-orm";
import type { Db } from "@/lib/server/db/client";
import { deals, users } from "@/lib/server/db/schema";
import { dealValues } from "@/lib/server/deals/values";
import {
  addedIssues,
  checkMigratedDeal,
  entryPaths,
  type MigrationIssue,
} from "@/workflows/versions/migration-check";
import { suggestMapping, type StageMapping } from "@/workflows/versions/migration-mapping";
import { loadPair, openCounts, openDealsOf, type PairSide } from "./pair";

/** A plan or dry run may look ahead at a rollout: the new version may still be a pilot. */
const PLANNABLE = ["published", "pilot"] as const;

/** How many deals with issues the dry run lists (all are counted). */
export const DRY_RUN_LISTED = 200;

const side = (s: PairSide) => ({
  id: s.id,
  number: s.number,
  status: s.status,
  states: s.states,
});

/**
 * What the migration dialog opens with: both versions' open stages and approvals in reading
 * order, how many open deals rest in each old one, and a suggested target for each.
 */
export async function migrationPlan(
  db: Db,
  companyId: string,
  input: { fromVersionId: string; toVersionId: string },
) {
  const pair = await loadPair(db, companyId, input, PLANNABLE);
  const counts = await openCounts(db, companyId, pair.from);
  return {
    pipelineId: pair.pipelineId,
    from: {
      ...side(pair.from),
      states: pair.from.states.map((s) => ({ ...s, deals: counts.get(s.key) ?? 0 })),
    },
    to: side(pair.to),
    suggestions: suggestMapping(pair.from.program.definition, pair.to.program.definition),
    total: [...counts.values()].reduce((a, b) => a + b, 0),
  };
}

export type DryRunDeal = MigrationIssue & {
  /** The part of the issues the migration brings: not already there in the old stage of the old version. */
  added: MigrationIssue | null;
  id: string;
  title: string;
  account: string;
  ownerName: string | null;
  from: string;
  to: string;
};

/**
 * The dry run of a mapping, writing nothing: how many open deals move from which state to which,
 * which states with deals have no target yet, and every deal that would then lack what its new
 * state asks — marking what the migration brings, as opposed to what the deal already lacked in
 * its old stage (those listed first; DRY_RUN_LISTED listed, all counted).
 */
export async function migrationDryRun(
  db: Db,
  companyId: string,
  input: { fromVersionId: string; toVersionId: string; mapping: StageMapping },
  now = new Date(),
) {
  const pair = await loadPair(db, companyId, input, PLANNABLE);
  const rows = await db
    .select({
      id: deals.id,
      title: deals.title,
      account: deals.account,
      amount: deals.amount,
      fields: deals.fields,
      stage: deals.stage,
      ownerName: users.name,
    })
    .from(deals)
    .leftJoin(users, eq(users.id, deals.ownerId))
    .where(openDealsOf(companyId, pair.from.id, pair.from.states))
    .orderBy(asc(deals.title), asc(deals.id));
  const definition = pair.to.program.definition;
  const ctx = { definition, paths: entryPaths(definition), now };
  const old = pair.from.program.definition;
  const oldCtx = { definition: old, paths: entryPaths(old), now };
  const targets = new Set(pair.to.states.map((s) => s.key));
  const moves = new Map<string, { from: string; to: string | null; count: number }>();
  const issues: DryRunDeal[] = [];
  let withIssues = 0;
  let withAdded = 0;
  for (const d of rows) {
    const raw = Object.hasOwn(input.mapping, d.stage) ? input.mapping[d.stage] : undefined;
    const to = raw && targets.has(raw) ? raw : null;
    const key = `${d.stage}\u0000${to ?? ""}`;
    const move = moves.get(key) ?? { from: d.stage, to, count: 0 };
    move.count++;
    moves.set(key, move);
    if (!to) continue;
    const values = dealValues(d);
    const issue = checkMigratedDeal(ctx, to, values);
    if (!issue) continue;
    const added = addedIssues(checkMigratedDeal(oldCtx, d.stage, values), issue);
    withIssues++;
    if (added) withAdded++;
    issues.push({
      ...issue,
      added,
      id: d.id,
      title: d.title,
      account: d.account,
      ownerName: d.ownerName,
      from: d.stage,
      to,
    });
  }
  // What the migration brings first; the rest by title (the query's order).
  const listed = [...issues.filter((d) => d.added), ...issues.filter((d) => !d.added)].slice(
    0,
    DRY_RUN_LISTED,
  );
  const order = (key: string) => pair.from.states.find((s) => s.key === key)?.order ?? 0;
  return {
    total: rows.length,
    moves: [...moves.values()].sort((a, b) => order(a.from) - order(b.from)),
    unmapped: [...moves.values()].filter((m) => !m.to).reduce((a, m) => a + m.count, 0),
    withIssues,
    /** Deals to which the migration adds an issue (the others lacked the same before). */
    withAdded,
    issues: listed,
    /** The new version's fields, to name the missing ones. */
    fields: definition.fields.map((f) => ({ key: f.key, name: f.name })),
  };
}
