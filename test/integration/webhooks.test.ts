import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// Receivers in these tests listen on 127.0.0.1; the setting is read once, when lib/env.ts loads.
vi.hoisted(() => {
  process.env.PW_WEBHOOK_ALLOW_PRIVATE = "true";
});

import { and, eq, sql } from "drizzle-orm";
import {
  dealEvents,
  deals,
  notifications,
  pipelines,
  pipelineVersions,
  webhookDeliveries,
  webhookEndpoints,
} from "@/lib/server/db/schema";
import type { CompanyScope } from "@/lib/server/api/context";
import { applyAction, commitStep } from "@/lib/server/deals/apply-action";
import { createDeal } from "@/lib/server/deals/create-deal";
import { lockDeal } from "@/lib/server/deals/lock";
import { reopenDeal } from "@/lib/server/deals/reopen";
import { runTimeLimit } from "@/lib/server/jobs/time-limits";
import type { TimeLimitJob } from "@/lib/server/jobs/schedule";
import { startWorker } from "@/lib/server/jobs/worker";
import { Deal } from "@/lib/server/api-v1/schemas";
import {
  claimDeliveries,
  postWebhook,
  retryDelaySeconds,
  runWebhookJob,
  AUTO_DISABLE_AFTER_HOURS,
} from "@/lib/server/webhooks/deliver";
import { verifySignature } from "@/lib/server/webhooks/signature";
import { checkWebhookUrl } from "@/lib/server/webhooks/target";
import { WEBHOOK_EVENT_TYPES, WEBHOOK_MAX_ATTEMPTS, type WebhookEventType } from "@/lib/webhooks/events";
import { defaultProcess } from "@/workflows/templates/default-process";
import { setupTestDatabase } from "../support/db";
import { callerFor, makeCompany, type TestCompany } from "../support/fixtures";
import { httpCall } from "../support/http";
import { startReceiver, type Receiver } from "../support/webhook-receiver";

const t = setupTestDatabase();
let a: TestCompany;
let b: TestCompany;
const receivers: Receiver[] = [];
const DAY = 86_400_000;

beforeAll(async () => {
  a = await makeCompany(t.db, "Hooks");
  b = await makeCompany(t.db, "Other");
});
afterAll(async () => {
  for (const r of receivers) await r.close();
});

async function receiver(...args: Parameters<typeof startReceiver>) {
  const r = await startReceiver(...args);
  receivers.push(r);
  return r;
}

const scope = (c: TestCompany, role: CompanyScope["role"]): CompanyScope => ({ id: c.id, name: "", role });
const admin = (c: TestCompany) => callerFor(t.db, c.users.admin.id, c.id);

/** An endpoint created the way an admin does it, with the secret shown once. */
async function endpoint(c: TestCompany, url: string, events: WebhookEventType[] = [...WEBHOOK_EVENT_TYPES]) {
  return admin(c).webhooks.create({ url, description: "test", events });
}

async function deliveriesOf(c: TestCompany, endpointId?: string) {
  return t.db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.companyId, c.id),
        endpointId ? eq(webhookDeliveries.endpointId, endpointId) : undefined,
      ),
    )
    .orderBy(webhookDeliveries.createdAt, webhookDeliveries.eventType);
}

/** Runs the worker's task for an endpoint's due deliveries, as graphile-worker would. */
async function deliverDue(c: TestCompany, endpointId: string) {
  const due = await t.db.execute<{ id: string }>(
    sql`select id from webhook_deliveries where company_id = ${c.id} and endpoint_id = ${endpointId}
      and status = 'pending' and next_attempt_at <= now()`,
  );
  return runWebhookJob(t.db, { companyId: c.id, ids: due.map((d) => d.id) }, { allowPrivate: true });
}

/** Time passes until the next try of a delivery is due. */
async function makeDue(id: string) {
  await t.db.execute(sql`update webhook_deliveries set next_attempt_at = now() where id = ${id}`);
}

async function webhookJobs() {
  return t.db.execute<{
    key: string | null;
    run_at: Date;
    payload: { companyId: string; ids: string[] };
  }>(sql`
    select j.key, j.run_at, j.payload from graphile_worker._private_jobs j
    join graphile_worker._private_tasks k on k.id = j.task_id where k.identifier = 'webhookDelivery'`);
}

const dealValues = {
  title: "Webhook deal",
  account: "Acme",
  industry: "finance",
  region: "east",
  source: "website",
};

async function newDeal(c: TestCompany, values: Record<string, unknown> = dealValues, now?: Date) {
  return createDeal(t.db, scope(c, "rep"), c.users.rep.id, { values: values as never, now });
}

async function act(c: TestCompany, dealId: string, version: number, action: string, extra = {}) {
  return applyAction(t.db, scope(c, "rep"), c.users.rep.id, {
    dealId,
    expectedVersion: version,
    action,
    ...extra,
  });
}

describe("delivering to a real HTTP server", () => {
  it("should POST a signed deal.stage_changed the receiver can verify, and log it delivered with 200", async () => {
    const server = await receiver();
    const { id: endpointId, secret } = await endpoint(a, server.url, ["deal.stage_changed"]);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const deal = await newDeal(a);
    expect(await deliveriesOf(a, endpointId)).toHaveLength(0); // not subscribed to deal.created
    await act(a, deal.id, 1, "startContact");
    const [queued] = await deliveriesOf(a, endpointId);
    expect(queued).toMatchObject({ eventType: "deal.stage_changed", status: "pending", attempts: 0 });
    // The job that delivers it was written with it.
    expect((await webhookJobs()).some((j) => j.payload.ids.includes(queued!.id))).toBe(true);

    expect(await deliverDue(a, endpointId)).toBe(1);
    expect(server.received).toHaveLength(1);
    const [req] = server.received;
    expect(req!.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(req!.headers["pipewright-event"]).toBe("deal.stage_changed");
    expect(req!.headers["pipewright-delivery"]).toBe(queued!.id);
    expect(req!.headers["pipewright-attempt"]).toBe("1");
    const signature = req!.headers["pipewright-signature"] as string;
    expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifySignature(secret, signature, req!.body)).toBe(true);
    expect(verifySignature(secret, signature, req!.body.replace("contact", "lost"))).toBe(false);
    expect(verifySignature("whsec_wrong", signature, req!.body)).toBe(false);
    const body = JSON.parse(req!.body);
    // Sent in the documented order, as written (the outbox keeps the text, not a re-sorted jsonb).
    expect(Object.keys(body)).toEqual(["id", "type", "createdAt", "companyId", "data"]);
    expect(Object.keys(body.data).slice(0, 2)).toEqual(["deal", "actor"]);
    expect(body).toMatchObject({
      id: queued!.eventId,
      type: "deal.stage_changed",
      companyId: a.id,
      data: {
        deal: { id: deal.id, stage: "contact", version: 2 },
        action: "startContact",
        from: { key: "lead", name: { en: "Lead" } },
        to: { key: "contact" },
        actor: { type: "user", id: a.users.rep.id, name: "Hooks rep" },
      },
    });

    const [done] = await deliveriesOf(a, endpointId);
    expect(done).toMatchObject({
      status: "delivered",
      attempts: 1,
      lastStatusCode: 200,
      responseSnippet: "ok",
    });
    expect(done!.deliveredAt).not.toBeNull();
    expect(done!.attemptLog).toEqual([expect.objectContaining({ statusCode: 200, error: null })]);
    // Delivered: nothing is left to run for it.
    expect((await webhookJobs()).some((j) => j.key?.endsWith(queued!.id))).toBe(false);
    await admin(a).webhooks.delete({ id: endpointId });
  });

  it("should retry a receiver that fails with 500 and deliver once it recovers, with every attempt logged", async () => {
    const server = await receiver((n) => (n < 2 ? { status: 500, body: "database down" } : { status: 204 }));
    const { id: endpointId } = await endpoint(a, server.url, ["deal.created"]);
    await newDeal(a);
    const [queued] = await deliveriesOf(a, endpointId);

    const before = Date.now();
    await deliverDue(a, endpointId);
    const after = Date.now();
    let [row] = await deliveriesOf(a, endpointId);
    expect(row).toMatchObject({
      status: "pending",
      attempts: 1,
      lastStatusCode: 500,
      responseSnippet: "database down",
    });
    // The next try waits about a minute (±10 %) from the failure, and a job is scheduled for then.
    const next = row!.nextAttemptAt!.getTime();
    expect(next).toBeGreaterThanOrEqual(before + 54_000);
    expect(next).toBeLessThanOrEqual(after + 66_000);
    const job = (await webhookJobs()).find((j) => j.key?.endsWith(queued!.id));
    expect(Math.abs(new Date(job!.run_at).getTime() - row!.nextAttemptAt!.getTime())).toBeLessThan(1000);
    // Not due yet: the worker leaves it alone.
    expect(await deliverDue(a, endpointId)).toBe(0);
    let [ep] = await t.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpointId));
    expect(ep).toMatchObject({ enabled: true, failureStreak: 1 });

    await makeDue(queued!.id);
    await deliverDue(a, endpointId);
    await makeDue(queued!.id);
    await deliverDue(a, endpointId);
    [row] = await deliveriesOf(a, endpointId);
    expect(row).toMatchObject({ status: "delivered", attempts: 3, lastStatusCode: 204 });
    expect(row!.attemptLog.map((x) => x.statusCode)).toEqual([500, 500, 204]);
    expect(server.received.map((r) => r.headers["pipewright-attempt"])).toEqual(["1", "2", "3"]);
    // The same delivery every time: a receiver dedupes on its id or the event's.
    expect(new Set(server.received.map((r) => r.headers["pipewright-delivery"])).size).toBe(1);
    [ep] = await t.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpointId));
    expect(ep).toMatchObject({ enabled: true, failureStreak: 0, failingSince: null });
    await admin(a).webhooks.delete({ id: endpointId });
  });

  it("should back off exponentially over more than a day, and mark a delivery failed after the last attempt", async () => {
    const mid = () => 0.5;
    const waits = Array.from({ length: WEBHOOK_MAX_ATTEMPTS - 1 }, (_, i) => retryDelaySeconds(i + 1, mid));
    expect(waits.slice(0, 4)).toEqual([60, 120, 240, 480]);
    const total = (r: () => number) =>
      Array.from({ length: WEBHOOK_MAX_ATTEMPTS - 1 }, (_, i) => retryDelaySeconds(i + 1, r)).reduce(
        (x, y) => x + y,
      );
    expect(total(() => 0)).toBeGreaterThan(24 * 3600); // even with the shortest jitter
    expect(total(() => 1)).toBeLessThan(30 * 3600);

    const server = await receiver(() => ({ status: 503 }));
    const { id: endpointId } = await endpoint(a, server.url, ["deal.created"]);
    await newDeal(a);
    const [queued] = await deliveriesOf(a, endpointId);
    await t.db.execute(
      sql`update webhook_deliveries set attempts = ${WEBHOOK_MAX_ATTEMPTS - 1} where id = ${queued!.id}`,
    );
    await deliverDue(a, endpointId);
    const [row] = await deliveriesOf(a, endpointId);
    expect(row).toMatchObject({ status: "failed", attempts: WEBHOOK_MAX_ATTEMPTS, lastStatusCode: 503 });
    expect(row!.nextAttemptAt).toBeNull();
    expect((await webhookJobs()).some((j) => j.key?.endsWith(queued!.id))).toBe(false);
    await admin(a).webhooks.delete({ id: endpointId });
  });

  it("should record a receiver that never answers as a timeout and try again later", async () => {
    const server = await receiver(() => "hang");
    const { id: endpointId } = await endpoint(a, server.url, ["deal.created"]);
    await newDeal(a);
    const [queued] = await deliveriesOf(a, endpointId);
    await runWebhookJob(t.db, { companyId: a.id, ids: [queued!.id] }, { allowPrivate: true, timeoutMs: 300 });
    const [row] = await deliveriesOf(a, endpointId);
    expect(row).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: null });
    expect(row!.lastError).toMatch(/timed out/);
    await admin(a).webhooks.delete({ id: endpointId });
  });
});

describe("a worker stopped mid-delivery", () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    child?.kill("SIGKILL");
  });

  it("should deliver later when the worker dies while the receiver is still answering (at least once)", async () => {
    // The first request is never answered: the worker process is killed while it waits.
    const server = await receiver((n) => (n === 0 ? "hang" : { status: 200, body: "thanks" }));
    const { id: endpointId, secret } = await endpoint(a, server.url, ["deal.created"]);

    const root = path.resolve(import.meta.dirname, "../..");
    // node with tsx's loader (not the tsx CLI, which would run the worker in a grandchild).
    child = spawn(
      process.execPath,
      ["--import", "tsx", path.join(root, "test/support/webhook-worker.ts"), t.url, "2"],
      { cwd: root, stdio: ["ignore", "pipe", "inherit"] },
    );
    await new Promise<void>((resolve) =>
      child!.stdout!.on("data", (d: Buffer) => d.includes("ready") && resolve()),
    );

    await newDeal(a);
    const [queued] = await deliveriesOf(a, endpointId);
    await server.waitFor(1);
    child.kill("SIGKILL");
    await new Promise((r) => child!.once("exit", r));

    // Claimed, sent, no answer recorded: still pending, held by the dead worker's lease.
    let [row] = await deliveriesOf(a, endpointId);
    expect(row).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: null, deliveredAt: null });

    // Another worker picks it up when the lease runs out.
    const worker = await startWorker({
      connectionString: t.url,
      db: t.db,
      pollInterval: 100,
      webhooks: { allowPrivate: true },
    });
    try {
      for (let i = 0; i < 150; i++) {
        [row] = await deliveriesOf(a, endpointId);
        if (row!.status === "delivered") break;
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      await worker.stop();
    }
    expect(row).toMatchObject({
      status: "delivered",
      attempts: 2,
      lastStatusCode: 200,
      responseSnippet: "thanks",
    });
    // The receiver got the same delivery twice, both signed, the second answered.
    expect(server.received).toHaveLength(2);
    expect(server.received.map((r) => r.headers["pipewright-delivery"])).toEqual([queued!.id, queued!.id]);
    expect(server.received.map((r) => JSON.parse(r.body).id)).toEqual([queued!.eventId, queued!.eventId]);
    for (const r of server.received)
      expect(verifySignature(secret, r.headers["pipewright-signature"] as string, r.body)).toBe(true);
    await admin(a).webhooks.delete({ id: endpointId });
  }, 60_000);

  it("should never let two workers claim the same delivery", async () => {
    const server = await receiver();
    const { id: endpointId } = await endpoint(a, server.url, ["deal.created"]);
    await newDeal(a);
    const [queued] = await deliveriesOf(a, endpointId);
    const job = { companyId: a.id, ids: [queued!.id] };
    const [first, second] = await Promise.all([claimDeliveries(t.db, job), claimDeliveries(t.db, job)]);
    expect(first.length + second.length).toBe(1);
    // Nor later, while the lease holds.
    expect(await claimDeliveries(t.db, job)).toHaveLength(0);
    await admin(a).webhooks.delete({ id: endpointId });
  });
});

describe("the outbox", () => {
  it("should be written in the transaction of the change: a rolled-back action leaves no delivery and no job", async () => {
    const server = await receiver();
    const { id: endpointId } = await endpoint(a, server.url);
    const deal = await newDeal(a);
    const before = (await deliveriesOf(a, endpointId)).length;
    const jobsBefore = (await webhookJobs()).length;
    let seenInside = 0;
    await expect(
      t.db.transaction(async (tx) => {
        const locked = await lockDeal(tx, a.id, deal.id, 1);
        await commitStep(
          tx,
          a.id,
          locked,
          { id: a.users.rep.id, role: "rep" },
          "startContact",
          {},
          new Date(),
        );
        seenInside = (
          await tx
            .select()
            .from(webhookDeliveries)
            .where(and(eq(webhookDeliveries.companyId, a.id), eq(webhookDeliveries.endpointId, endpointId)))
        ).length;
        throw new Error("the rest of the transaction failed");
      }),
    ).rejects.toThrow("the rest of the transaction failed");
    expect(seenInside).toBe(before + 2); // action_taken and stage_changed, inside the transaction
    expect(await deliveriesOf(a, endpointId)).toHaveLength(before);
    expect(await webhookJobs()).toHaveLength(jobsBefore);
    const [still] = await t.db
      .select()
      .from(deals)
      .where(and(eq(deals.companyId, a.id), eq(deals.id, deal.id)));
    expect(still).toMatchObject({ stage: "lead", version: 1 });
    await admin(a).webhooks.delete({ id: endpointId });
  });

  it("should write nothing for a refused action, a disabled endpoint, or an event nobody subscribed to", async () => {
    const server = await receiver();
    const on = await endpoint(a, server.url, ["deal.won"]);
    const off = await endpoint(a, server.url, [...WEBHOOK_EVENT_TYPES]);
    await admin(a).webhooks.disable({ id: off.id });
    const deal = await newDeal(a, { title: "Refused", account: "R" });
    await expect(act(a, deal.id, 1, "startContact")).rejects.toMatchObject({ code: "UNPROCESSABLE_CONTENT" });
    await act(a, deal.id, 1, "startContact", {
      changes: { industry: "retail", region: "east", source: "website" },
    });
    expect(await deliveriesOf(a, on.id)).toHaveLength(0);
    expect(await deliveriesOf(a, off.id)).toHaveLength(0);
    await admin(a).webhooks.delete({ id: on.id });
    await admin(a).webhooks.delete({ id: off.id });
  });
});

describe("event payloads", () => {
  const full = {
    ...dealValues,
    title: "Full path",
    amount: 120_000,
    budgetConfirmed: true,
    decisionMaker: "王总",
    need: "替换旧系统",
    expectedClose: "2027-01-15",
    painPoints: "slow",
    competitors: ["rivalA"],
    proposalAmount: 120_000,
    proposalLink: "https://docs.example.com/p.pdf",
    discountPct: 5,
    finalAmount: 110_000,
  };

  async function payloads(endpointId: string) {
    return (await deliveriesOf(a, endpointId)).map(
      (d) => d.payload as { id: string; type: string; createdAt: string; data: Record<string, unknown> },
    );
  }

  it("should send every event type with the deal as the REST API shows it and what the event adds", async () => {
    const server = await receiver();
    const { id: endpointId } = await endpoint(a, server.url);
    const won = await newDeal(a, full);
    let v = 1;
    await act(a, won.id, v++, "startContact");
    await act(a, won.id, v++, "qualify", { checked: ["reachedDecisionMaker", "interestConfirmed"] });
    await act(a, won.id, v++, "startProposal");
    await act(a, won.id, v++, "sendProposal");
    await act(a, won.id, v++, "closeWon", { comment: "Signed" });
    const lost = await newDeal(a, { ...dealValues, title: "Lost one" });
    await act(a, lost.id, 1, "startContact");
    await act(a, lost.id, 2, "closeLost", { changes: { lostReason: "price" } });
    await reopenDeal(t.db, scope(a, "manager"), a.users.manager.id, { dealId: lost.id, expectedVersion: 3 });

    const all = await payloads(endpointId);
    for (const p of all) {
      expect(p).toMatchObject({ id: expect.any(String), createdAt: expect.any(String), companyId: a.id });
      // The deal has exactly the shape of GET /api/v1/deals/{id}.
      expect(Deal.safeParse(p.data.deal).success).toBe(true);
    }
    const ofType = (type: string) => all.filter((p) => p.type === type);
    expect(ofType("deal.created").map((p) => (p.data.deal as { title: string }).title)).toEqual(
      expect.arrayContaining(["Full path", "Lost one"]),
    );
    expect(ofType("deal.created")[0]!.data).toMatchObject({ actor: { type: "user", id: a.users.rep.id } });
    expect(ofType("deal.action_taken").map((p) => p.data.action)).toEqual([
      "startContact",
      "qualify",
      "startProposal",
      "sendProposal",
      "closeWon",
      "startContact",
      "closeLost",
    ]);
    expect(ofType("deal.action_taken").at(-1)!.data).toMatchObject({
      from: { key: "contact" },
      to: { key: "lost" },
      changes: { lostReason: { from: null, to: "price" } },
    });
    // sendProposal goes through the discount check to negotiation: one stage change, not two.
    expect(
      ofType("deal.stage_changed").map((p) => [
        (p.data.from as { key: string }).key,
        (p.data.to as { key: string }).key,
      ]),
    ).toEqual([
      ["lead", "contact"],
      ["contact", "analysis"],
      ["analysis", "proposal"],
      ["proposal", "negotiation"],
      ["negotiation", "won"],
      ["lead", "contact"],
      ["contact", "lost"],
      ["lost", "contact"],
    ]);
    expect(ofType("deal.stage_changed").at(-1)!.data).toMatchObject({
      action: "reopen",
      actor: { type: "user", id: a.users.manager.id },
      deal: { stage: "contact", outcome: "open", closedAt: null },
    });
    expect(ofType("deal.won")).toHaveLength(1);
    expect(ofType("deal.won")[0]!.data).toMatchObject({
      action: "closeWon",
      from: { key: "negotiation" },
      deal: { id: won.id, stage: "won", outcome: "won", values: { finalAmount: 110_000 } },
    });
    expect(ofType("deal.lost")[0]!.data).toMatchObject({
      action: "closeLost",
      deal: { id: lost.id, outcome: "lost", values: { lostReason: "price" } },
    });
    // The action that closed it and its comment travel with action_taken.
    expect(ofType("deal.action_taken").find((p) => p.data.action === "closeWon")!.data.comment).toBe(
      "Signed",
    );
    await admin(a).webhooks.delete({ id: endpointId });
  });

  it("should send deal.owner_changed with the previous and the new owner when an action reassigns the deal", async () => {
    const server = await receiver();
    const { id: endpointId } = await endpoint(a, server.url, ["deal.owner_changed"]);
    const definition = structuredClone(defaultProcess);
    const start = definition.edges.find((e) => e.action?.key === "startContact")!;
    start.effects = [{ kind: "assignOwner", rule: { kind: "teamManager" } }];
    const [pipeline] = await t.db
      .insert(pipelines)
      .values({ companyId: a.id, key: "handover", name: { zh: "移交", en: "Handover" } })
      .returning();
    await t.db.insert(pipelineVersions).values({
      companyId: a.id,
      pipelineId: pipeline!.id,
      number: 1,
      status: "published",
      definition,
      publishedAt: new Date(),
    });
    const deal = await createDeal(t.db, scope(a, "rep"), a.users.rep.id, {
      pipelineId: pipeline!.id,
      values: dealValues,
    });
    await act(a, deal.id, 1, "startContact");
    const [p] = await payloads(endpointId);
    expect(p).toMatchObject({
      type: "deal.owner_changed",
      data: {
        previousOwner: { id: a.users.rep.id, email: a.users.rep.email },
        owner: { id: a.users.manager.id, email: a.users.manager.email },
        deal: { owner: { id: a.users.manager.id } },
      },
    });
    await admin(a).webhooks.delete({ id: endpointId });
  });

  it("should send deal.time_limit_passed from the system when a stage's time limit fires", async () => {
    const server = await receiver();
    const { id: endpointId } = await endpoint(a, server.url, [
      "deal.time_limit_passed",
      "deal.stage_changed",
    ]);
    const deal = await newDeal(a, { title: "Slow", account: "S" }, new Date(Date.now() - 4 * DAY));
    const [job] = await t.db.execute<{ payload: TimeLimitJob }>(
      sql`select payload from graphile_worker._private_jobs where key like ${`%:${deal.id}:%`}`,
    );
    expect(await runTimeLimit(t.db, job!.payload)).toBe("fired");
    const [p, ...rest] = await payloads(endpointId);
    expect(rest).toHaveLength(0); // the lead's limit tells the owner; the deal stays
    expect(p).toMatchObject({
      type: "deal.time_limit_passed",
      data: {
        stage: { key: "lead", name: { zh: "线索" } },
        actor: { type: "system", id: null, name: null },
        deal: { id: deal.id, stage: "lead" },
      },
    });
    const events = await t.db
      .select()
      .from(dealEvents)
      .where(and(eq(dealEvents.companyId, a.id), eq(dealEvents.dealId, deal.id)));
    expect(events.map((e) => e.type)).toEqual(["created", "timeLimit"]);
    await admin(a).webhooks.delete({ id: endpointId });
  });

  it("should send a test event to one endpoint whatever it subscribes to", async () => {
    const server = await receiver();
    const { id: endpointId, secret } = await endpoint(a, server.url, ["deal.won"]);
    const { deliveryId } = await admin(a).webhooks.sendTest({ id: endpointId });
    await deliverDue(a, endpointId);
    expect(server.received).toHaveLength(1);
    expect(server.received[0]!.headers["pipewright-delivery"]).toBe(deliveryId);
    expect(JSON.parse(server.received[0]!.body)).toMatchObject({
      type: "webhook.test",
      data: { endpointId, actor: { type: "user", id: a.users.admin.id } },
    });
    expect(
      verifySignature(
        secret,
        server.received[0]!.headers["pipewright-signature"] as string,
        server.received[0]!.body,
      ),
    ).toBe(true);
    await admin(a).webhooks.delete({ id: endpointId });
  });
});

describe("persistent failure", () => {
  it("should turn an endpoint off after a day of failures, tell the admins in both languages, and resume when turned on", async () => {
    const server = await receiver(() => ({ status: 500 }));
    const { id: endpointId } = await endpoint(a, server.url, ["deal.created"]);
    await newDeal(a);
    await deliverDue(a, endpointId);
    // One failure does not turn it off.
    let [ep] = await t.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpointId));
    expect(ep).toMatchObject({ enabled: true, failureStreak: 1 });

    // It has been failing since yesterday (and many times): the next failure turns it off.
    await t.db.execute(sql`update webhook_endpoints set failure_streak = 20,
      failing_since = now() - make_interval(hours => ${AUTO_DISABLE_AFTER_HOURS + 1}) where id = ${endpointId}`);
    const [queued] = await deliveriesOf(a, endpointId);
    await makeDue(queued!.id);
    await deliverDue(a, endpointId);
    [ep] = await t.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpointId));
    expect(ep).toMatchObject({ enabled: false, disabledReason: "failing" });
    expect(ep!.disabledAt).not.toBeNull();

    const notes = await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.companyId, a.id), eq(notifications.kind, "webhookDisabled")));
    expect(notes.map((n) => n.userId)).toEqual([a.users.admin.id]);
    expect(notes[0]!.title.en).toContain(server.url);
    expect(notes[0]!.title.zh).toContain("已自动停用");
    // Nobody else hears of it, and company B's admin least of all.
    const bNotes = await t.db.select().from(notifications).where(eq(notifications.companyId, b.id));
    expect(bNotes.filter((n) => n.kind === "webhookDisabled")).toHaveLength(0);

    // Off: new events are not written for it, and what waited stays waiting.
    await newDeal(a);
    expect(await deliveriesOf(a, endpointId)).toHaveLength(1);
    await makeDue(queued!.id);
    expect(await deliverDue(a, endpointId)).toBe(0);
    const list = await admin(a).webhooks.list();
    expect(list.find((e) => e.id === endpointId)).toMatchObject({
      enabled: false,
      disabledReason: "failing",
      pending: 1,
    });

    // The receiver is fixed; the admin turns the endpoint on again: the waiting delivery goes out.
    server.respondWith(() => ({ status: 200 }));
    const { resumed } = await admin(a).webhooks.enable({ id: endpointId });
    expect(resumed).toBe(1);
    [ep] = await t.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpointId));
    expect(ep).toMatchObject({ enabled: true, disabledReason: null, failureStreak: 0, failingSince: null });
    const jobs = await webhookJobs();
    expect(jobs.some((j) => j.payload.ids.includes(queued!.id))).toBe(true);
    await deliverDue(a, endpointId);
    const [row] = await deliveriesOf(a, endpointId);
    expect(row).toMatchObject({ status: "delivered", lastStatusCode: 200 });
    await admin(a).webhooks.delete({ id: endpointId });
  });
});

describe("the delivery log and resending", () => {
  it("should page the log newest first, filter it, show a delivery's body and attempts, and resend it", async () => {
    const server = await receiver((n) => (n === 0 ? { status: 500, body: "boom" } : { status: 200 }));
    const { id: endpointId } = await endpoint(a, server.url, ["deal.created"]);
    const other = await endpoint(a, server.url, ["deal.won"]);
    for (let i = 0; i < 3; i++) await newDeal(a, { title: `Logged ${i}`, account: "L" });
    await deliverDue(a, endpointId);
    const api = admin(a);

    const page1 = await api.webhooks.deliveries({ endpointId, limit: 2 });
    expect(page1.items).toHaveLength(2);
    const page2 = await api.webhooks.deliveries({ endpointId, limit: 2, cursor: page1.nextCursor! });
    expect(page2.items).toHaveLength(1);
    expect(page2.nextCursor).toBeNull();
    const items = [...page1.items, ...page2.items];
    expect(items.map((d) => d.createdAt.getTime())).toEqual(
      [...items].map((d) => d.createdAt.getTime()).sort((x, y) => y - x),
    );
    expect(items.every((d) => d.url === server.url && d.eventType === "deal.created")).toBe(true);
    const failed = await api.webhooks.deliveries({ endpointId, status: "pending" });
    expect(failed.items).toHaveLength(1);
    expect(failed.items[0]).toMatchObject({ lastStatusCode: 500, attempts: 1 });
    expect((await api.webhooks.deliveries({ endpointId: other.id })).items).toHaveLength(0);

    const detail = await api.webhooks.delivery({ id: failed.items[0]!.id });
    expect(detail).toMatchObject({ responseSnippet: "boom", lastStatusCode: 500, url: server.url });
    expect(JSON.parse(detail.body)).toMatchObject({ type: "deal.created", data: { deal: { account: "L" } } });
    expect(detail.attemptLog).toHaveLength(1);

    // Resend a delivered one: a new delivery with the same event and body.
    const delivered = items.find((d) => d.status === "delivered")!;
    const { deliveryId } = await api.webhooks.resend({ id: delivered.id });
    expect(deliveryId).not.toBe(delivered.id);
    const before = server.received.length;
    await deliverDue(a, endpointId);
    const again = server.received.slice(before).find((r) => r.headers["pipewright-delivery"] === deliveryId)!;
    expect(JSON.parse(again.body).id).toBe(delivered.eventId);
    const copy = await api.webhooks.delivery({ id: deliveryId });
    expect(copy).toMatchObject({ status: "delivered", resentFrom: delivered.id, eventId: delivered.eventId });
    const original = await api.webhooks.delivery({ id: delivered.id });
    expect(copy.body).toBe(original.body);

    // A turned-off endpoint resends nothing, and says so in the admin's language.
    await api.webhooks.disable({ id: endpointId });
    const res = await httpCall(
      t.db,
      { userId: a.users.admin.id, companyId: a.id, locale: "zh-CN" },
      "webhooks.resend",
      { id: delivered.id },
    );
    expect(res.status).toBe(400);
    expect(res.error?.message).toBe("该 Webhook 已停用,请先启用。");
    await api.webhooks.delete({ id: endpointId });
    await api.webhooks.delete({ id: other.id });
  });
});

describe("managing endpoints", () => {
  it("should show the secret only when created or rotated, and sign with both secrets for a day after a rotation", async () => {
    const server = await receiver();
    const api = admin(a);
    const created = await api.webhooks.create({
      url: server.url,
      description: "ERP",
      events: ["deal.created", "deal.created"],
    });
    const listed = (await api.webhooks.list()).find((e) => e.id === created.id)!;
    expect(JSON.stringify(listed)).not.toContain(created.secret);
    expect(listed).toMatchObject({
      url: server.url,
      description: "ERP",
      events: ["deal.created"],
      enabled: true,
    });

    const rotated = await api.webhooks.rotateSecret({ id: created.id });
    expect(rotated.secret).not.toBe(created.secret);
    await newDeal(a);
    await deliverDue(a, created.id);
    const req = server.received.at(-1)!;
    const header = req.headers["pipewright-signature"] as string;
    expect(header.match(/v1=/g)).toHaveLength(2);
    expect(verifySignature(rotated.secret, header, req.body)).toBe(true);
    expect(verifySignature(created.secret, header, req.body)).toBe(true);
    await api.webhooks.delete({ id: created.id });
  });

  it("should refuse a stale edit with CONFLICT and keep the other admin's change", async () => {
    const api = admin(a);
    const created = await api.webhooks.create({ url: "https://hooks.example.com/a", events: ["deal.won"] });
    await api.webhooks.update({
      id: created.id,
      expectedVersion: created.version,
      url: "https://hooks.example.com/b",
      description: "",
      events: ["deal.won", "deal.lost"],
    });
    await expect(
      api.webhooks.update({
        id: created.id,
        expectedVersion: created.version,
        url: "https://hooks.example.com/c",
        description: "",
        events: ["deal.won"],
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    const listed = (await api.webhooks.list()).find((e) => e.id === created.id)!;
    expect(listed).toMatchObject({
      url: "https://hooks.example.com/b",
      events: ["deal.won", "deal.lost"],
      version: 2,
    });
    await api.webhooks.delete({ id: created.id });
  });

  it("should refuse addresses that are not http(s) or carry a password, with a readable message", async () => {
    for (const [url, message] of [
      ["ftp://files.example.com/x", "The address must start with http:// or https://."],
      ["not a url", "Enter a full address, such as https://example.com/hooks/pipewright."],
      [
        "https://user:pw@example.com/x",
        "Leave the user name and password out of the address; check the signature instead.",
      ],
    ] as const) {
      const res = await httpCall(
        t.db,
        { userId: a.users.admin.id, companyId: a.id, locale: "en" },
        "webhooks.create",
        {
          url,
          events: ["deal.won"],
        },
      );
      expect([url, res.status, res.error?.message]).toEqual([url, 400, message]);
      expect(res.raw).not.toMatch(/at .*\.ts/);
    }
    const none = await httpCall(
      t.db,
      { userId: a.users.admin.id, companyId: a.id, locale: "en" },
      "webhooks.create",
      {
        url: "https://example.com/x",
        events: [],
      },
    );
    expect(none.status).toBe(400);
  });

  it("should keep private addresses out unless PW_WEBHOOK_ALLOW_PRIVATE is set, also when a name resolves to one", async () => {
    for (const url of [
      "http://127.0.0.1:8080/x",
      "http://localhost/x",
      "http://10.1.2.3/x",
      "http://169.254.169.254/latest/meta-data",
      "http://[::1]/x",
      "http://[::ffff:192.168.0.1]/x",
    ])
      expect([url, checkWebhookUrl(url, false)]).toEqual([url, "webhookUrlPrivate"]);
    expect(checkWebhookUrl("https://hooks.example.com/x", false)).toBeNull();
    expect(checkWebhookUrl("http://127.0.0.1:8080/x", true)).toBeNull();

    const server = await receiver();
    const options = { allowPrivate: false, timeoutMs: 2000 };
    const literal = await postWebhook(server.url, {}, "{}", options);
    expect(literal).toMatchObject({ ok: false, statusCode: null });
    expect(literal.error).toMatch(/private address/);
    // "localhost" passes as a name but resolves to loopback when the worker connects.
    const named = await postWebhook(server.url.replace("127.0.0.1", "localhost"), {}, "{}", options);
    expect(named.ok).toBe(false);
    expect(named.error).toMatch(/private address/);
    expect(server.received).toHaveLength(0);
  });
});

describe("roles and companies", () => {
  it("should let only admins manage webhooks", async () => {
    for (const role of ["manager", "trainer", "rep"] as const) {
      const caller = callerFor(t.db, a.users[role].id, a.id);
      await expect(caller.webhooks.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(caller.webhooks.deliveries({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });

  it("should never show or change another company's endpoints or deliveries", async () => {
    const server = await receiver();
    const mine = await endpoint(a, server.url, ["deal.created"]);
    const theirs = await endpoint(b, server.url, ["deal.created"]);
    await newDeal(a);
    const [delivery] = await deliveriesOf(a, mine.id);
    // A's deals write nothing for B's endpoint.
    expect(await deliveriesOf(b, theirs.id)).toHaveLength(0);

    const other = admin(b);
    expect((await other.webhooks.list()).map((e) => e.id)).toEqual([theirs.id]);
    expect((await other.webhooks.deliveries({})).items).toHaveLength(0);
    expect((await other.webhooks.deliveries({ endpointId: mine.id })).items).toHaveLength(0);
    const byId = { id: mine.id };
    for (const call of [
      () =>
        other.webhooks.update({
          ...byId,
          expectedVersion: 1,
          url: "https://evil.example.com",
          description: "",
          events: ["deal.won"],
        }),
      () => other.webhooks.disable(byId),
      () => other.webhooks.enable(byId),
      () => other.webhooks.rotateSecret(byId),
      () => other.webhooks.sendTest(byId),
      () => other.webhooks.delete(byId),
      () => other.webhooks.delivery({ id: delivery!.id }),
      () => other.webhooks.resend({ id: delivery!.id }),
    ])
      await expect(call()).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Still A's, unchanged.
    const [ep] = await t.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, mine.id));
    expect(ep).toMatchObject({ companyId: a.id, url: server.url, enabled: true, version: 1 });
    expect(await deliveriesOf(a, mine.id)).toHaveLength(1);
    // A job naming A's delivery under B's company claims nothing.
    expect(await runWebhookJob(t.db, { companyId: b.id, ids: [delivery!.id] }, { allowPrivate: true })).toBe(
      0,
    );
    await admin(a).webhooks.delete({ id: mine.id });
    await other.webhooks.delete({ id: theirs.id });
  });
});
