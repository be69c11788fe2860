import { and, eq } from "drizzle-orm";
import type { Db, Tx } from "@/lib/server/db/client";
import { dealEvents, deals } from "@/lib/server/db/schema";
import type { CompanyScope } from "@/lib/server/api/context";
import { appError } from "@/lib/server/errors";
import { loadProgram } from "@/lib/server/pipelines/program-cache";
import { validateValues } from "@/workflows/definition/validate-values";
import type { Program } from "@/workflows/runtime";
import { isSet, type DealValues } from "@/workflows/rules";
import { assertVisibleDeal } from "./access";
import { firstTeamOf } from "./create-deal";
import { priorityOf } from "./apply-action";
import { enqueueWebhookEvents } from "@/lib/server/webhooks/outbox";
import { lockDeal } from "./lock";
import { dealValues, diffValues, splitValues } from "./values";

/** Currencies a deal's amounts may be kept in (ISO 4217). */
export const CURRENCIES = ["CNY", "USD", "EUR", "HKD", "JPY", "GBP", "SGD"] as const;
export type Currency = (typeof CURRENCIES)[number];

export type UpdateDealInput = {
  dealId: string;
  /** The deal version the user edited: a stale one is refused with CONFLICT. */
  expectedVersion: number;
  /** Only the fields the user changed; null clears a field. */
  changes: DealValues;
  currency?: Currency;
  /** The user's language, for the names in a message. */
  locale?: string;
  now?: Date;
  /** The REST API key editing (the event's actor); it edits closed deals no more than a rep does. */
  apiKeyId?: string;
  /** A new owner, as a re-import names it: logged with the changes; the team follows the owner. */
  ownerId?: string | null;
};

/** Who may still edit a won or lost deal (to correct it); everyone else reads it. */
const editsClosedDeals = (role: CompanyScope["role"]) => role === "admin" || role === "manager";

/** Whether a member who sees the deal may edit its fields: open deals all, closed ones managers. */
export const mayEditDeal = (role: CompanyScope["role"], closed: boolean) => !closed || editsClosedDeals(role);

type DealRow = typeof deals.$inferSelect;

/**
 * What an edit of a deal's fields writes, decided against the deal as it is now (locked) and its
 * version's program: the deal's new columns and the "update" event with the changes old → new —
 * or null when nothing changes. Refusals are thrown (closed deal, invalid values, a required
 * field emptied). `teamOf` finds a new owner's team. An import decides many edits with it.
 */
export async function decideUpdate(
  program: Program,
  deal: DealRow,
  company: CompanyScope,
  userId: string,
  input: UpdateDealInput,
  teamOf: (userId: string) => Promise<string | null>,
) {
  const now = input.now ?? new Date();
  const meta = program.compiled.machine.states[deal.stage]?.meta;
  const closed = deal.closedAt !== null || (meta?.kind === "stage" && meta.outcome !== "open");
  if (!mayEditDeal(input.apiKeyId ? "rep" : company.role, closed))
    throw appError("FORBIDDEN", "dealClosedReadOnly");
  const issues = validateValues(program.fields, input.changes);
  if (issues.length) throw appError("BAD_REQUEST", "invalidValues", {}, { issues });
  const before = dealValues(deal);
  const after: DealValues = { ...before, ...input.changes };
  // What a deal must have from its creation on may be changed but not emptied.
  const emptied = program.fields.filter(
    (f) => f.requiredAtCreation && f.key in input.changes && !isSet(after[f.key]),
  );
  if (emptied.length) {
    throw appError(
      "BAD_REQUEST",
      "fieldsRequired",
      { fields: emptied.map((f) => (input.locale === "en" ? f.name.en : f.name.zh)).join(", ") },
      { missingFields: emptied.map((f) => f.key) },
    );
  }
  const changes = diffValues(before, after);
  const currency = input.currency ?? deal.currency;
  if (currency !== deal.currency) changes.currency = { from: deal.currency, to: currency };
  let owner = { ownerId: deal.ownerId, teamId: deal.teamId };
  if (input.ownerId && input.ownerId !== deal.ownerId) {
    owner = { ownerId: input.ownerId, teamId: await teamOf(input.ownerId) };
    changes.ownerId = { from: deal.ownerId, to: input.ownerId };
  }
  if (Object.keys(changes).length === 0) return null;

  const { score, priority } = priorityOf(program, after, now);
  if (priority !== deal.priority) changes.priority = { from: deal.priority, to: priority };
  return {
    set: {
      ...splitValues(after),
      currency,
      ...owner,
      score,
      priority,
      version: deal.version + 1,
      updatedAt: now,
    },
    event: {
      companyId: company.id,
      dealId: deal.id,
      type: "update",
      actorId: input.apiKeyId ? null : userId,
      apiKeyId: input.apiKeyId ?? null,
      pipelineVersionId: deal.pipelineVersionId,
      changes,
      at: now,
    } satisfies typeof dealEvents.$inferInsert,
  };
}

/**
 * Edits a deal's fields outside an action: anyone who may work the deal (who sees it) on an
 * open deal, managers and admins on a closed one. Under the version check, in one
 * transaction: validate against the deal's own pipeline version, write the values, re-score
 * the priority, and log one "update" event with the changes old → new. The stage never moves
 * here (only actions move a deal). Nothing changed: nothing is written, the version stays.
 */
export async function updateDeal(db: Db | Tx, company: CompanyScope, userId: string, input: UpdateDealInput) {
  await assertVisibleDeal(db, company, userId, input.dealId);
  return db.transaction(async (tx) => {
    const deal = await lockDeal(tx, company.id, input.dealId, input.expectedVersion);
    const program = await loadProgram(tx, company.id, deal.pipelineVersionId);
    const decided = await decideUpdate(program, deal, company, userId, input, (ownerId) =>
      firstTeamOf(tx, company.id, ownerId),
    );
    if (!decided) return deal;
    const [[updated]] = await Promise.all([
      tx
        .update(deals)
        .set(decided.set)
        .where(and(eq(deals.companyId, company.id), eq(deals.id, deal.id)))
        .returning(),
      tx.insert(dealEvents).values(decided.event),
    ]);
    if (updated!.ownerId !== deal.ownerId)
      await enqueueWebhookEvents(tx, company.id, {
        deal: updated!,
        actor: input.apiKeyId ? { type: "apiKey", id: input.apiKeyId } : { type: "user", id: userId },
        at: decided.event.at,
        events: [{ type: "deal.owner_changed", previousOwnerId: deal.ownerId }],
      });
    return updated!;
  });
}
