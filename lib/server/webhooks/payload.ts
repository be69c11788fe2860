import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Tx } from "@/lib/server/db/client";
import { apiKeys, users, type deals } from "@/lib/server/db/schema";
import { presentDeals } from "@/lib/server/deals/present";
import { loadProgram } from "@/lib/server/pipelines/program-cache";
import { stagesOf } from "@/lib/server/pipelines/list";
import type { WebhookEventType } from "@/lib/webhooks/events";
import type { DealChange } from "./outbox";

/** Who made the change: a member, an API key, or the system (a time limit). */
export type WebhookActor =
  { type: "user"; id: string } | { type: "apiKey"; id: string } | { type: "system"; id: null };

export type FieldChanges = Record<string, { from: unknown; to: unknown }>;

/** One event of a change, with what only its author knows (the deal itself comes from the row). */
export type DealEventSpec =
  | { type: "deal.created" }
  | {
      type: "deal.action_taken";
      action: string;
      from: string;
      to: string;
      comment: string | null;
      changes: FieldChanges | null;
    }
  | { type: "deal.stage_changed"; action: string; from: string; to: string }
  | { type: "deal.won" | "deal.lost"; action: string; from: string }
  | { type: "deal.owner_changed"; previousOwnerId: string | null }
  | { type: "deal.time_limit_passed"; stage: string };

type Localized = { zh: string; en: string };
type StageRef = { key: string; name: Localized | null };
type Person = { id: string; name: string; email: string } | null;

/** The JSON body of a delivery (docs/api.md, "Webhooks"). */
export type WebhookPayload = {
  id: string;
  type: WebhookEventType | "webhook.test";
  createdAt: string;
  companyId: string;
  data: Record<string, unknown>;
};

async function actorOf(tx: Tx, companyId: string, actor: WebhookActor) {
  if (actor.type === "system") return { type: "system" as const, id: null, name: null };
  if (actor.type === "apiKey") {
    const [key] = await tx
      .select({ name: apiKeys.name })
      .from(apiKeys)
      .where(and(eq(apiKeys.companyId, companyId), eq(apiKeys.id, actor.id)));
    return { type: "apiKey" as const, id: actor.id, name: key?.name ?? null };
  }
  const [user] = await tx.select({ name: users.name }).from(users).where(eq(users.id, actor.id));
  return { type: "user" as const, id: actor.id, name: user?.name ?? null };
}

async function personOf(tx: Tx, userId: string | null): Promise<Person> {
  if (!userId) return null;
  const [user] = await tx
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(eq(users.id, userId));
  return user ?? null;
}

/**
 * The bodies of a change's events: each gets its own id (receivers dedupe on it), the deal as
 * the REST API shows it after the change, and who made it. Built only when some endpoint
 * wants one of the events.
 */
export async function buildPayloads(tx: Tx, companyId: string, change: DealChange) {
  const [[deal], actor, program] = await Promise.all([
    presentDeals(tx, companyId, [change.deal]),
    actorOf(tx, companyId, change.actor),
    loadProgram(tx, companyId, change.deal.pipelineVersionId),
  ]);
  const names = new Map(stagesOf(program.definition).map((s) => [s.key, s.name]));
  const stage = (key: string): StageRef => ({ key, name: names.get(key) ?? null });
  const createdAt = change.at.toISOString();
  const out: WebhookPayload[] = [];
  for (const e of change.events) {
    let extra: Record<string, unknown> = {};
    switch (e.type) {
      case "deal.created":
        break;
      case "deal.action_taken":
        extra = {
          action: e.action,
          from: stage(e.from),
          to: stage(e.to),
          comment: e.comment,
          changes: e.changes,
        };
        break;
      case "deal.stage_changed":
        extra = { action: e.action, from: stage(e.from), to: stage(e.to) };
        break;
      case "deal.won":
      case "deal.lost":
        extra = { action: e.action, from: stage(e.from) };
        break;
      case "deal.owner_changed":
        extra = { previousOwner: await personOf(tx, e.previousOwnerId), owner: deal!.owner };
        break;
      case "deal.time_limit_passed":
        extra = { stage: stage(e.stage) };
        break;
    }
    out.push({ id: randomUUID(), type: e.type, createdAt, companyId, data: { deal, actor, ...extra } });
  }
  return out;
}

/**
 * The "deal.created" bodies of many new deals at once (an import's chunk): the same bodies
 * buildPayloads gives one by one, with the people looked up once.
 */
export async function createdPayloads(
  tx: Tx,
  companyId: string,
  rows: (typeof deals.$inferSelect)[],
  actor: WebhookActor,
  at: Date,
): Promise<WebhookPayload[]> {
  const [presented, by] = await Promise.all([
    presentDeals(tx, companyId, rows),
    actorOf(tx, companyId, actor),
  ]);
  const createdAt = at.toISOString();
  return presented.map((deal) => ({
    id: randomUUID(),
    type: "deal.created",
    createdAt,
    companyId,
    data: { deal, actor: by },
  }));
}
