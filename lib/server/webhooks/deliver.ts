import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import { performance } from "node:perf_hooks";
import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "@/lib/server/db/client";
import { memberships, notifications, webhookEndpoints, type WebhookAttempt } from "@/lib/server/db/schema";
import { env } from "@/lib/env";
import { WEBHOOK_MAX_ATTEMPTS } from "@/lib/webhooks/events";
import { WEBHOOK_TASK, type WebhookJob } from "./outbox";
import { signatureHeader } from "./signature";
import { guardedLookup, isPrivateAddress, PrivateAddressError } from "./target";

export type DeliveryOptions = {
  /** Let deliveries reach private addresses (PW_WEBHOOK_ALLOW_PRIVATE). */
  allowPrivate?: boolean;
  /** The whole request, connect to last byte (10 s). */
  timeoutMs?: number;
  /**
   * How long a claimed delivery is held before another worker may try it (a worker that died
   * mid-delivery holds it no longer than this). Longer than the timeout.
   */
  leaseSeconds?: number;
  random?: () => number;
};

const TIMEOUT_MS = 10_000;
const LEASE_SECONDS = 60;
/** What is kept of a response body for the delivery log. */
const SNIPPET_CHARS = 1000;
/** After this long without a success, and at least this many failed attempts in a row, an endpoint is switched off. */
export const AUTO_DISABLE_AFTER_HOURS = 24;
export const AUTO_DISABLE_MIN_FAILURES = 10;

/**
 * The wait after failed attempt `attempt` (1-based): 1 minute doubling to a 10-hour cap, ±10 %
 * jitter so a receiver coming back is not hit by every retry at once. Attempt 12 comes about
 * 27 hours after the first (never less than a day).
 */
export function retryDelaySeconds(attempt: number, random: () => number = Math.random) {
  const base = Math.min(60 * 2 ** (attempt - 1), 10 * 3600);
  return Math.round(base * (0.9 + 0.2 * random()));
}

export const deliveryJobKey = (companyId: string, deliveryId: string) =>
  `${WEBHOOK_TASK}:${companyId}:${deliveryId}`;

/** Schedules a delivery's next try, keyed by it: a later call replaces an earlier one. */
const scheduleJob = (companyId: string, deliveryId: string, inSeconds: number) => {
  const payload: WebhookJob = { companyId, ids: [deliveryId] };
  return sql`graphile_worker.add_job(${WEBHOOK_TASK}, ${JSON.stringify(payload)}::json,
    run_at := now() + make_interval(secs => ${inSeconds}), job_key := ${deliveryJobKey(companyId, deliveryId)},
    job_key_mode := 'replace', max_attempts := 5)`;
};

type Claimed = {
  id: string;
  endpoint_id: string;
  event_type: string;
  payload: unknown;
  attempts: number;
  url: string;
  secrets: string[];
};

/**
 * Claims the due, pending deliveries among `ids` for one attempt: FOR UPDATE SKIP LOCKED, so
 * two workers never take the same row, and the claim moves `next_attempt_at` a lease ahead and
 * schedules a job for then, in the same transaction. A worker that dies mid-delivery commits
 * nothing more: the row is still pending and that job tries it again when the lease runs out.
 */
export async function claimDeliveries(db: Db, job: WebhookJob, leaseSeconds = LEASE_SECONDS) {
  if (job.ids.length === 0) return [];
  return db.transaction(async (tx) => {
    const rows = await tx.execute<Claimed>(sql`
      with due as (
        select d.company_id, d.id
        from webhook_deliveries d
        join webhook_endpoints e on e.company_id = d.company_id and e.id = d.endpoint_id
        where d.company_id = ${job.companyId}
          and d.id in (${sql.join(
            job.ids.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})
          and d.status = 'pending' and d.next_attempt_at <= now() and e.enabled
        for update of d skip locked
      )
      update webhook_deliveries d
      set attempts = d.attempts + 1, last_attempt_at = now(),
          next_attempt_at = now() + make_interval(secs => ${leaseSeconds})
      from due, webhook_endpoints e
      where d.company_id = due.company_id and d.id = due.id
        and e.company_id = d.company_id and e.id = d.endpoint_id
      returning d.id, d.endpoint_id, d.event_type, d.payload, d.attempts, e.url,
        array_remove(array[e.secret, case when e.previous_secret_expires_at > now() then e.previous_secret end], null) as secrets`);
    const claimed = [...rows];
    // One job for the claimed batch when the lease runs out: it finds them delivered (or
    // rescheduled) and does nothing, unless this worker died before recording them.
    if (claimed.length) {
      const lease: WebhookJob = { companyId: job.companyId, ids: claimed.map((c) => c.id) };
      await tx.execute(sql`select graphile_worker.add_job(${WEBHOOK_TASK}, ${JSON.stringify(lease)}::json,
        run_at := now() + make_interval(secs => ${leaseSeconds}), max_attempts := 5)`);
    }
    return claimed;
  });
}

export type AttemptResult = {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  snippet: string | null;
  durationMs: number;
};

/** One POST: no redirects followed, the address checked as the socket connects, 10 s in all. */
export function postWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  options: { allowPrivate: boolean; timeoutMs: number },
): Promise<AttemptResult> {
  const started = performance.now();
  const done = (r: Omit<AttemptResult, "durationMs">): AttemptResult => ({
    ...r,
    durationMs: Math.round(performance.now() - started),
  });
  return new Promise((resolve) => {
    const target = new URL(url);
    const host = target.hostname.replace(/^\[|\]$/g, "");
    // A literal IP never goes through the lookup: check it here.
    if (!options.allowPrivate && isIP(host) && isPrivateAddress(host))
      return resolve(
        done({ ok: false, statusCode: null, error: new PrivateAddressError(host).message, snippet: null }),
      );
    const client = target.protocol === "https:" ? https : http;
    let settled = false;
    const finish = (r: Omit<AttemptResult, "durationMs">) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(done(r));
    };
    const req = client.request(
      target,
      {
        method: "POST",
        headers: { ...headers, "Content-Length": String(Buffer.byteLength(body)) },
        ...(options.allowPrivate ? {} : { lookup: guardedLookup as never }),
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          // Enough for the log; the rest is read and dropped.
          if (size < SNIPPET_CHARS * 4) chunks.push(chunk);
          size += chunk.length;
        });
        res.on("end", () => {
          const status = res.statusCode ?? 0;
          const ok = status >= 200 && status < 300;
          finish({
            ok,
            statusCode: status,
            error: ok ? null : `HTTP ${status}`,
            snippet: Buffer.concat(chunks).toString("utf8").slice(0, SNIPPET_CHARS) || null,
          });
        });
        res.on("error", (e) =>
          finish({ ok: false, statusCode: res.statusCode ?? null, error: e.message, snippet: null }),
        );
      },
    );
    const timer = setTimeout(() => {
      finish({
        ok: false,
        statusCode: null,
        error: `timed out after ${options.timeoutMs / 1000} s`,
        snippet: null,
      });
      req.destroy();
    }, options.timeoutMs);
    req.on("error", (e) =>
      finish({ ok: false, statusCode: null, error: e.message || String(e), snippet: null }),
    );
    req.end(body);
  });
}

/** The headers of one attempt (docs/api.md lists them). */
export function webhookHeaders(
  claimed: Pick<Claimed, "id" | "event_type" | "attempts" | "secrets">,
  body: string,
  now = Date.now(),
) {
  const timestamp = Math.floor(now / 1000);
  return {
    "Content-Type": "application/json; charset=utf-8",
    "User-Agent": "Pipewright-Webhooks/1",
    "Pipewright-Event": claimed.event_type,
    "Pipewright-Delivery": claimed.id,
    "Pipewright-Attempt": String(claimed.attempts),
    "Pipewright-Signature": signatureHeader(claimed.secrets, timestamp, body),
  };
}

/**
 * Writes what an attempt gave, in one transaction: a 2xx marks the delivery delivered and the
 * endpoint healthy; anything else schedules the next try (or, after the last, marks it failed)
 * and counts against the endpoint, which is switched off — with a notice to the company's admins
 * — once it has failed for a day without a success in between.
 */
export async function recordAttempt(
  db: Db,
  companyId: string,
  claimed: Pick<Claimed, "id" | "endpoint_id" | "attempts">,
  result: AttemptResult,
  random: () => number = Math.random,
) {
  const entry: WebhookAttempt = {
    at: new Date().toISOString(),
    statusCode: result.statusCode,
    error: result.error,
    durationMs: result.durationMs,
  };
  const common = sql`last_status_code = ${result.statusCode}, last_error = ${result.error},
    response_snippet = ${result.snippet}, attempt_log = attempt_log || ${JSON.stringify([entry])}::jsonb`;
  const mine = sql`company_id = ${companyId} and id = ${claimed.id} and status = 'pending'`;
  await db.transaction(async (tx) => {
    if (result.ok) {
      // The endpoint's row is shared by all its deliveries: touch it only when there is news
      // (a failure run ends) or once a minute, so parallel deliveries do not queue on its lock.
      await Promise.all([
        tx.execute(sql`update webhook_deliveries set status = 'delivered', delivered_at = now(),
          next_attempt_at = null, ${common} where ${mine}`),
        tx.execute(sql`update webhook_endpoints set failure_streak = 0, failing_since = null, last_success_at = now()
          where company_id = ${companyId} and id = ${claimed.endpoint_id}
            and (failure_streak > 0 or last_success_at is null or last_success_at < now() - interval '1 minute')`),
      ]);
      return;
    }
    if (claimed.attempts >= WEBHOOK_MAX_ATTEMPTS) {
      await tx.execute(sql`update webhook_deliveries set status = 'failed', next_attempt_at = null, ${common}
        where ${mine}`);
    } else {
      const delay = retryDelaySeconds(claimed.attempts, random);
      await Promise.all([
        tx.execute(sql`update webhook_deliveries set next_attempt_at = now() + make_interval(secs => ${delay}),
          ${common} where ${mine}`),
        tx.execute(sql`select ${scheduleJob(companyId, claimed.id, delay)}`),
      ]);
    }
    await countFailure(tx, companyId, claimed.endpoint_id);
  });
}

/** One more failure in a row; a day of them (and enough of them) switches the endpoint off. */
async function countFailure(tx: Tx, companyId: string, endpointId: string) {
  const [counted] = await tx.execute<{ persistent: boolean }>(sql`
    update webhook_endpoints set failure_streak = failure_streak + 1, failing_since = coalesce(failing_since, now())
    where company_id = ${companyId} and id = ${endpointId}
    returning enabled and failure_streak >= ${AUTO_DISABLE_MIN_FAILURES}
      and failing_since <= now() - make_interval(hours => ${AUTO_DISABLE_AFTER_HOURS}) as persistent`);
  if (!counted?.persistent) return;
  const [disabled] = await tx
    .update(webhookEndpoints)
    .set({
      enabled: false,
      disabledReason: "failing",
      disabledAt: sql`now()`,
      version: sql`${webhookEndpoints.version} + 1`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(webhookEndpoints.companyId, companyId), eq(webhookEndpoints.id, endpointId)))
    .returning({ url: webhookEndpoints.url });
  if (!disabled) return;
  const admins = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(
      and(
        eq(memberships.companyId, companyId),
        eq(memberships.role, "admin"),
        eq(memberships.status, "active"),
      ),
    );
  if (admins.length === 0) return;
  const { url } = disabled;
  await tx.insert(notifications).values(
    admins.map((a) => ({
      companyId,
      userId: a.userId,
      kind: "webhookDisabled",
      title: {
        zh: `Webhook ${url} 连续一天投递失败,已自动停用`,
        en: `The webhook ${url} failed for a day and was turned off`,
      },
    })),
  );
}

/**
 * The worker's task: claim the job's deliveries, POST each (at once, so one slow receiver does
 * not hold up the others) and record what came back.
 */
export async function runWebhookJob(db: Db, job: WebhookJob, options: DeliveryOptions = {}) {
  const allowPrivate = options.allowPrivate ?? env.PW_WEBHOOK_ALLOW_PRIVATE;
  const timeoutMs = options.timeoutMs ?? TIMEOUT_MS;
  const claimed = await claimDeliveries(db, job, options.leaseSeconds ?? LEASE_SECONDS);
  await Promise.all(
    claimed.map(async (c) => {
      const body = JSON.stringify(c.payload);
      const result = await postWebhook(c.url, webhookHeaders(c, body), body, { allowPrivate, timeoutMs });
      await recordAttempt(db, job.companyId, c, result, options.random);
    }),
  );
  return claimed.length;
}
