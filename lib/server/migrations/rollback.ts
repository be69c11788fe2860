import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db, Tx } from "@/lib/server/db/client";
import { deals, versionMigrationDeals, versionMigrations } from "@/lib/server/db/schema";
import { appError } from "@/lib/server/errors";
import { recordAudit } from "@/lib/server/pipelines/versions/audit";
import { moveDeals } from "./move-deals";
import { loadPair } from "./pair";

const CHUNK = 500;
/** Deals named in the refusal's message; the details carry up to LISTED. */
const NAMED = 5;
const LISTED = 100;

/** Event types that always move a deal (to another version or stage). */
const MOVING_TYPES = ["migrated", "migrationRolledBack", "reopen", "import"];
/** Event types that move a deal when their stage changes (a time limit that only notifies does not). */
const STEP_TYPES = ["action", "approval", "timeLimit"];

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * The deals of a migration that moved after their `migrated` event: a later event that changed
 * their stage or version, or a row no longer where the migration put it.
 */
async function movedSince(tx: Tx, companyId: string, migrationId: string, toVersionId: string) {
  const rows = await tx.execute<{ deal_id: string; title: string }>(sql`
    select distinct d.id as deal_id, d.title
    from version_migration_deals l
    join deals d on d.company_id = l.company_id and d.id = l.deal_id
    where l.company_id = ${companyId}::uuid and l.migration_id = ${migrationId}::uuid
      and l.rolled_back_event_id is null
      and (
        d.pipeline_version_id <> ${toVersionId}::uuid or d.stage <> l.to_stage or d.closed_at is not null
        or exists (
          select 1 from deal_events e
          where e.company_id = l.company_id and e.deal_id = l.deal_id and e.id > l.event_id
            and (e.type in (${sql.join(
              MOVING_TYPES.map((t) => sql`${t}`),
              sql`, `,
            )})
              or (e.type in (${sql.join(
                STEP_TYPES.map((t) => sql`${t}`),
                sql`, `,
              )})
                  and e.to_stage is distinct from e.from_stage))
        )
      )
    order by d.title
  `);
  return [...rows].map((r) => ({ id: r.deal_id, title: r.title }));
}

/**
 * Rolls a migration back, in one transaction: every deal it moved goes back to the old version
 * and state (its stay there restored, time limits with it) with a `migrationRolledBack` event —
 * or, if any of them has moved since its migration (an action, an approval, a time limit that
 * moved it, a reopen, another migration), nothing happens and the refusal names those deals.
 * A finished, failed or stopped migration may be rolled back; a running one is stopped first.
 */
export async function rollbackMigration(
  db: Db,
  companyId: string,
  userId: string,
  input: { migrationId: string; note: string },
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const [m] = await tx
      .select()
      .from(versionMigrations)
      .where(and(eq(versionMigrations.companyId, companyId), eq(versionMigrations.id, input.migrationId)))
      .for("update");
    if (!m) throw appError("NOT_FOUND", "migrations.notFound");
    if (m.status === "queued" || m.status === "running")
      throw appError("CONFLICT", "migrations.stillRunning");
    if (m.status === "rolledBack") throw appError("CONFLICT", "migrations.alreadyRolledBack");
    const pair = await loadPair(tx, companyId, m, ["published", "retired", "pilot"]);

    const ledger = await tx
      .select()
      .from(versionMigrationDeals)
      .where(
        and(
          eq(versionMigrationDeals.companyId, companyId),
          eq(versionMigrationDeals.migrationId, m.id),
          isNull(versionMigrationDeals.rolledBackEventId),
        ),
      )
      .orderBy(asc(versionMigrationDeals.dealId));
    // The deals are locked first (id order, as the job locks them), then checked.
    const rows = new Map<string, typeof deals.$inferSelect>();
    for (const part of chunks(
      ledger.map((l) => l.dealId),
      1000,
    )) {
      const locked = await tx
        .select()
        .from(deals)
        .where(and(eq(deals.companyId, companyId), inArray(deals.id, part)))
        .orderBy(asc(deals.id))
        .for("update");
      for (const d of locked) rows.set(d.id, d);
    }
    const moved = await movedSince(tx, companyId, m.id, pair.to.id);
    if (moved.length) {
      const named = moved.slice(0, NAMED).map((d) => `“${d.title}”`);
      throw appError(
        "CONFLICT",
        "migrations.movedSince",
        { count: moved.length, deals: named.join(", ") + (moved.length > NAMED ? " …" : "") },
        { deals: moved.slice(0, LISTED) },
      );
    }

    let restored = 0;
    for (const part of chunks(ledger.filter((l) => rows.has(l.dealId)))) {
      const events = await moveDeals(tx, {
        companyId,
        from: pair.to,
        to: pair.from,
        type: "migrationRolledBack",
        actorId: userId,
        comment: input.note,
        now,
        moves: part.map((l) => ({
          deal: rows.get(l.dealId)!,
          stage: l.fromStage,
          enteredAt: l.fromEnteredAt,
        })),
      });
      const values = part.map((l) => sql`(${l.dealId}::uuid, ${events.get(l.dealId)!}::bigint)`);
      await tx.execute(sql`
        update version_migration_deals as l set rolled_back_event_id = v.event_id
        from (values ${sql.join(values, sql`, `)}) as v(deal_id, event_id)
        where l.company_id = ${companyId}::uuid and l.migration_id = ${m.id}::uuid and l.deal_id = v.deal_id`);
      restored += part.length;
    }
    await tx
      .update(versionMigrations)
      .set({
        status: "rolledBack",
        rolledBackBy: userId,
        rolledBackAt: now,
        rollbackNote: input.note,
        updatedAt: sql`now()`,
      })
      .where(and(eq(versionMigrations.companyId, companyId), eq(versionMigrations.id, m.id)));
    await recordAudit(tx, companyId, [
      {
        pipelineId: pair.pipelineId,
        version: { id: pair.to.id, number: pair.to.number },
        action: "migrationRolledBack",
        actorId: userId,
        note: input.note,
        details: {
          migrationId: m.id,
          from: { id: pair.from.id, number: pair.from.number },
          to: { id: pair.to.id, number: pair.to.number },
          restored,
        },
      },
    ]);
    return { migrationId: m.id, restored };
  });
}
