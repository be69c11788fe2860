import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { apiKeys, dealEvents, deals } from "@/lib/server/db/schema";
import { createApiKey, revokeApiKey, RATE_LIMIT } from "@/lib/server/api-v1/keys";
import { openApiDocument } from "@/lib/server/api-v1/openapi";
import * as pipelinesRoute from "@/app/api/v1/pipelines/route";
import * as pipelineRoute from "@/app/api/v1/pipelines/[id]/route";
import * as dealsRoute from "@/app/api/v1/deals/route";
import * as dealRoute from "@/app/api/v1/deals/[id]/route";
import * as actionsRoute from "@/app/api/v1/deals/[id]/actions/route";
import * as actionRoute from "@/app/api/v1/deals/[id]/actions/[action]/route";
import * as eventsRoute from "@/app/api/v1/deals/[id]/events/route";
import * as openapiRoute from "@/app/api/v1/openapi.json/route";
import * as unknownRoute from "@/app/api/v1/[...path]/route";
import { setupTestDatabase } from "../support/db";
import { callerFor, makeCompany, type TestCompany } from "../support/fixtures";

const t = setupTestDatabase();
let a: TestCompany;
let b: TestCompany;
let writeKey: string;
let readKey: string;
let keyB: string;

/** Response bodies are read loosely: the assertions say what they must hold. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = Record<string, any>;

type Handler = (
  req: Request,
  ctx?: { params: Promise<Record<string, string>> },
) => Response | Promise<Response>;

/** Calls a route handler the way Next.js does: a Request and the route's params. */
async function call(
  handler: Handler,
  options: {
    method?: string;
    path: string;
    params?: Record<string, string>;
    key?: string | null;
    body?: unknown;
    headers?: Record<string, string>;
    locale?: string;
  },
) {
  const headers = new Headers(options.headers);
  if (options.key) headers.set("authorization", `Bearer ${options.key}`);
  headers.set("accept-language", options.locale ?? "en");
  if (options.body !== undefined) headers.set("content-type", "application/json");
  const req = new Request(`http://localhost/api/v1${options.path}`, {
    method: options.method ?? "GET",
    headers,
    body:
      options.body === undefined
        ? undefined
        : typeof options.body === "string"
          ? options.body
          : JSON.stringify(options.body),
  });
  const res = await handler(req, { params: Promise.resolve(options.params ?? {}) });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    body: text ? (JSON.parse(text) as Body) : null,
  };
}

beforeAll(async () => {
  // The route handlers take the server's pool from getDb(); here it is this file's database.
  (globalThis as unknown as { pipewrightDb: unknown }).pipewrightDb = {
    db: t.db,
    sql: t.sql,
    close: t.close,
  };
  a = await makeCompany(t.db, "Apia");
  b = await makeCompany(t.db, "Apib");
  writeKey = (await createApiKey(t.db, a.id, a.users.admin.id, { name: "ERP sync", scope: "write" })).token;
  readKey = (await createApiKey(t.db, a.id, a.users.admin.id, { name: "BI", scope: "read" })).token;
  keyB = (await createApiKey(t.db, b.id, b.users.admin.id, { name: "B sync", scope: "write" })).token;
});

describe("authentication", () => {
  it("should answer 401 problem+json without a key, with a malformed or unknown key, and with a revoked key", async () => {
    const none = await call(dealsRoute.GET, { path: "/deals" });
    expect(none.status).toBe(401);
    expect(none.headers.get("content-type")).toContain("application/problem+json");
    expect(none.headers.get("www-authenticate")).toContain("Bearer");
    expect(none.body).toMatchObject({ status: 401, type: "/developers#problem-unauthorized" });
    expect(none.body!.detail).toContain("Authorization");

    expect((await call(dealsRoute.GET, { path: "/deals", key: "nonsense" })).status).toBe(401);
    const forged = writeKey.slice(0, -4) + "AAAA";
    expect((await call(dealsRoute.GET, { path: "/deals", key: forged })).status).toBe(401);

    const { token, id } = await createApiKey(t.db, a.id, a.users.admin.id, { name: "Temp", scope: "read" });
    expect((await call(dealsRoute.GET, { path: "/deals", key: token })).status).toBe(200);
    await revokeApiKey(t.db, a.id, a.users.admin.id, id);
    const revoked = await call(dealsRoute.GET, { path: "/deals", key: token });
    expect(revoked.status).toBe(401);
    expect(revoked.body!.detail).toBe("The API key is invalid or has been revoked.");
  });

  it("should store only a hash of the secret and record when the key was used", async () => {
    const { token, id, prefix } = await createApiKey(t.db, a.id, a.users.admin.id, {
      name: "Hash",
      scope: "read",
    });
    const [row] = await t.db
      .select()
      .from(apiKeys)
      .where(and(eq(apiKeys.companyId, a.id), eq(apiKeys.id, id)));
    expect(token.startsWith(`pw_${prefix}_`)).toBe(true);
    expect(row!.hash).not.toContain(token.slice(`pw_${prefix}_`.length)); // the secret may itself hold "_"
    expect(row!.lastUsedAt).toBeNull();
    await call(pipelinesRoute.GET, { path: "/pipelines", key: token });
    const [used] = await t.db
      .select()
      .from(apiKeys)
      .where(and(eq(apiKeys.companyId, a.id), eq(apiKeys.id, id)));
    expect(used!.lastUsedAt).not.toBeNull();
  });

  it("should refuse writes with a read-only key (403) and change nothing", async () => {
    const res = await call(dealsRoute.POST, {
      method: "POST",
      path: "/deals",
      key: readKey,
      body: { values: { title: "Read-only", account: "X" } },
    });
    expect(res.status).toBe(403);
    expect(res.body!.detail).toBe("This API key may only read; it cannot change anything.");
    const rows = await t.db
      .select()
      .from(deals)
      .where(and(eq(deals.companyId, a.id), eq(deals.title, "Read-only")));
    expect(rows).toHaveLength(0);
    // Reading is fine.
    expect((await call(dealsRoute.GET, { path: "/deals", key: readKey })).status).toBe(200);
  });
});

describe("company isolation", () => {
  it("should answer 404 for another company's deal and pipeline, and never act on them", async () => {
    const dealB = b.dealIds[0]!;
    for (const [handler, p, params] of [
      [dealRoute.GET, `/deals/${dealB}`, { id: dealB }],
      [actionsRoute.GET, `/deals/${dealB}/actions`, { id: dealB }],
      [eventsRoute.GET, `/deals/${dealB}/events`, { id: dealB }],
      [pipelineRoute.GET, `/pipelines/${b.pipelineId}`, { id: b.pipelineId }],
    ] as const) {
      const res = await call(handler, { path: p, params, key: writeKey });
      expect(res.status, p).toBe(404);
    }
    const act = await call(actionRoute.POST, {
      method: "POST",
      path: `/deals/${dealB}/actions/disqualify`,
      params: { id: dealB, action: "disqualify" },
      key: writeKey,
      body: { values: { lostReason: "price" } },
    });
    expect(act.status).toBe(404);
    const patch = await call(dealRoute.PATCH, {
      method: "PATCH",
      path: `/deals/${dealB}`,
      params: { id: dealB },
      key: writeKey,
      headers: { "if-match": '"1"' },
      body: { values: { title: "Hijacked" } },
    });
    expect(patch.status).toBe(404);
    const [row] = await t.db
      .select()
      .from(deals)
      .where(and(eq(deals.companyId, b.id), eq(deals.id, dealB)));
    expect(row!.title).toBe("Apib deal 1");
    expect(row!.stage).toBe("lead");
  });

  it("should list only the key's company's deals and pipelines", async () => {
    const list = await call(dealsRoute.GET, { path: "/deals", key: writeKey });
    const ids = (list.body!.items as Array<{ id: string }>).map((d) => d.id);
    expect(ids).toEqual(expect.arrayContaining(a.dealIds));
    expect(ids.some((id) => b.dealIds.includes(id))).toBe(false);
    const pipes = await call(pipelinesRoute.GET, { path: "/pipelines", key: keyB });
    expect((pipes.body!.items as Array<{ id: string }>).map((p) => p.id)).toEqual([b.pipelineId]);
  });
});

describe("pipelines", () => {
  it("should show the published version with its stages, fields and definition", async () => {
    const res = await call(pipelineRoute.GET, {
      path: `/pipelines/${a.pipelineId}`,
      params: { id: a.pipelineId },
      key: readKey,
    });
    expect(res.status).toBe(200);
    expect(res.body!.publishedVersion.id).toBe(a.versionId);
    expect(res.body!.stages.map((s: { key: string }) => s.key)).toContain("lead");
    expect(res.body!.fields.map((f: { key: string }) => f.key)).toEqual(
      expect.arrayContaining(["title", "industry", "lostReason"]),
    );
    expect(res.body!.definition.nodes.length).toBeGreaterThan(5);
  });
});

describe("deals", () => {
  it("should create a deal (201) recorded as created by the key, and show it", async () => {
    const res = await call(dealsRoute.POST, {
      method: "POST",
      path: "/deals",
      key: writeKey,
      body: {
        values: { title: "API deal", account: "API account", amount: 12000, industry: "retail" },
        ownerEmail: a.users.rep.email,
      },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      title: "API deal",
      stage: "lead",
      outcome: "open",
      amount: 12000,
      version: 1,
    });
    expect(res.body!.owner.email).toBe(a.users.rep.email);
    expect(res.headers.get("location")).toBe(`/api/v1/deals/${res.body!.id}`);
    expect(res.headers.get("etag")).toBe('"1"');
    const events = await call(eventsRoute.GET, {
      path: `/deals/${res.body!.id}/events`,
      params: { id: res.body!.id },
      key: readKey,
    });
    expect(events.body!.items[0]).toMatchObject({
      type: "created",
      actor: { type: "apiKey", name: "ERP sync" },
    });
    const got = await call(dealRoute.GET, {
      path: `/deals/${res.body!.id}`,
      params: { id: res.body!.id },
      key: readKey,
    });
    expect(got.body!.values.industry).toBe("retail");
  });

  it("should refuse a deal without its required fields or with an unknown owner, creating nothing", async () => {
    const missing = await call(dealsRoute.POST, {
      method: "POST",
      path: "/deals",
      key: writeKey,
      body: { values: { amount: 5 } },
    });
    expect(missing.status).toBe(400);
    expect(missing.body!.errors.map((e: { pointer: string }) => e.pointer)).toEqual([
      "#/values/title",
      "#/values/account",
    ]);
    const owner = await call(dealsRoute.POST, {
      method: "POST",
      path: "/deals",
      key: writeKey,
      body: { values: { title: "Nobody's", account: "X" }, ownerEmail: "ghost@nowhere.test" },
    });
    expect(owner.status).toBe(422);
    expect(owner.body!.detail).toContain("ghost@nowhere.test");
    const bad = await call(dealsRoute.POST, {
      method: "POST",
      path: "/deals",
      key: writeKey,
      body: "{not json",
    });
    expect(bad.status).toBe(400);
    const rows = await t.db
      .select()
      .from(deals)
      .where(and(eq(deals.companyId, a.id), eq(deals.title, "Nobody's")));
    expect(rows).toHaveLength(0);
  });

  it("should filter by stage, owner e-mail and updatedSince, and page with a cursor", async () => {
    const byStage = await call(dealsRoute.GET, { path: "/deals?stage=analysis", key: readKey });
    expect(byStage.body!.items.map((d: { id: string }) => d.id)).toEqual([a.dealIds[1]]);
    const byOwner = await call(dealsRoute.GET, {
      path: `/deals?ownerEmail=${encodeURIComponent(a.users.admin.email)}`,
      key: readKey,
    });
    expect(byOwner.body!.items.map((d: { id: string }) => d.id)).toEqual([a.dealIds[2]]);
    const future = await call(dealsRoute.GET, {
      path: `/deals?updatedSince=${encodeURIComponent("2999-01-01T00:00:00Z")}`,
      key: readKey,
    });
    expect(future.body!.items).toEqual([]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `?limit=2&cursor=${cursor}` : "?limit=2";
      const page = await call(dealsRoute.GET, { path: `/deals${q}`, key: readKey });
      expect(page.status).toBe(200);
      expect(page.body!.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body!.items.map((d: { id: string }) => d.id));
      cursor = page.body!.nextCursor;
    } while (cursor);
    const all = await t.db.select({ id: deals.id }).from(deals).where(eq(deals.companyId, a.id));
    expect(seen.sort()).toEqual(all.map((d) => d.id).sort());

    const badCursor = await call(dealsRoute.GET, { path: "/deals?cursor=zzz", key: readKey });
    expect(badCursor.status).toBe(400);
    const badLimit = await call(dealsRoute.GET, { path: "/deals?limit=5000", key: readKey });
    expect(badLimit.status).toBe(400);
    expect(badLimit.body!.errors[0].parameter).toBe("limit");
  });

  it("should edit fields under If-Match: 428 without it, 409 when stale, 200 with the new version", async () => {
    const id = a.dealIds[1]!;
    const base = {
      method: "PATCH",
      path: `/deals/${id}`,
      params: { id },
      key: writeKey,
      body: { values: { contact: "王经理" } },
    };
    expect((await call(dealRoute.PATCH, base)).status).toBe(428);
    const stale = await call(dealRoute.PATCH, { ...base, headers: { "if-match": '"99"' } });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ currentVersion: 1, type: "/developers#problem-stale-version" });
    const ok = await call(dealRoute.PATCH, { ...base, headers: { "if-match": '"1"' } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ version: 2, values: { contact: "王经理" } });
    expect(ok.headers.get("etag")).toBe('"2"');
    const [event] = await t.db
      .select()
      .from(dealEvents)
      .where(and(eq(dealEvents.companyId, a.id), eq(dealEvents.dealId, id), eq(dealEvents.type, "update")));
    expect(event).toMatchObject({ actorId: null, changes: { contact: { from: null, to: "王经理" } } });
    expect(event!.apiKeyId).not.toBeNull();
  });
});

describe("actions", () => {
  it("should list the stage's actions, enabled or not, with reasons in the caller's language", async () => {
    const id = a.dealIds[0]!;
    const en = await call(actionsRoute.GET, { path: `/deals/${id}/actions`, params: { id }, key: readKey });
    const start = en.body!.items.find((x: { key: string }) => x.key === "startContact");
    expect(start).toMatchObject({
      enabled: false,
      missingFields: ["industry", "region", "source"],
      targets: ["contact"],
    });
    expect(start.reasons[0].message).toBe("Fill in “Industry”");
    const zh = await call(actionsRoute.GET, {
      path: `/deals/${id}/actions`,
      params: { id },
      key: readKey,
      locale: "zh-CN",
    });
    expect(zh.body!.items.find((x: { key: string }) => x.key === "startContact").reasons[0].message).toBe(
      "请填写「行业」",
    );
  });

  it("should refuse an action with 422 listing every unmet criterion, moving nothing", async () => {
    const id = a.dealIds[0]!;
    const res = await call(actionRoute.POST, {
      method: "POST",
      path: `/deals/${id}/actions/startContact`,
      params: { id, action: "startContact" },
      key: writeKey,
      body: {},
    });
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(res.body!.type).toBe("/developers#problem-action-refused");
    expect(res.body!.errors.map((e: { field: string }) => e.field)).toEqual(["industry", "region", "source"]);
    const [row] = await t.db
      .select()
      .from(deals)
      .where(and(eq(deals.companyId, a.id), eq(deals.id, id)));
    expect(row!.stage).toBe("lead");
  });

  it("should take an action through the engine (200, new stage, the key as actor) and refuse a stale version (409)", async () => {
    const id = a.dealIds[0]!;
    const [before] = await t.db
      .select()
      .from(deals)
      .where(and(eq(deals.companyId, a.id), eq(deals.id, id)));
    const stale = await call(actionRoute.POST, {
      method: "POST",
      path: `/deals/${id}/actions/startContact`,
      params: { id, action: "startContact" },
      key: writeKey,
      headers: { "if-match": `"${before!.version + 5}"` },
      body: { values: { industry: "retail", region: "east", source: "website" } },
    });
    expect(stale.status).toBe(409);
    const ok = await call(actionRoute.POST, {
      method: "POST",
      path: `/deals/${id}/actions/startContact`,
      params: { id, action: "startContact" },
      key: writeKey,
      headers: { "if-match": `"${before!.version}"` },
      body: { values: { industry: "retail", region: "east", source: "website" }, comment: "From the ERP" },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      moved: true,
      from: "lead",
      stage: "contact",
      stageName: { en: "Initial contact" },
    });
    expect(ok.body!.deal.version).toBe(before!.version + 1);
    const events = await call(eventsRoute.GET, { path: `/deals/${id}/events`, params: { id }, key: readKey });
    const last = events.body!.items.at(-1);
    expect(last).toMatchObject({
      type: "action",
      action: "startContact",
      fromStage: "lead",
      toStage: "contact",
      comment: "From the ERP",
    });
    expect(last.actor).toMatchObject({ type: "apiKey", name: "ERP sync" });
    // The deal page names the key in its timeline.
    const form = await callerFor(t.db, a.users.admin.id, a.id).deals.form({ dealId: id });
    expect(form.apiKeys.map((k) => k.name)).toEqual(["ERP sync"]);
  });

  it("should give an unknown action a 422 and a malformed deal id a 404", async () => {
    const id = a.dealIds[1]!;
    const unknown = await call(actionRoute.POST, {
      method: "POST",
      path: `/deals/${id}/actions/fly`,
      params: { id, action: "fly" },
      key: writeKey,
      body: {},
    });
    expect(unknown.status).toBe(422);
    const malformed = await call(dealRoute.GET, { path: "/deals/123", params: { id: "123" }, key: readKey });
    expect(malformed.status).toBe(404);
  });
});

describe("idempotency", () => {
  it("should return the first result on a retry with the same Idempotency-Key, and 422 for another body", async () => {
    const req = {
      method: "POST",
      path: "/deals",
      key: writeKey,
      headers: { "idempotency-key": "order-4711" },
      body: { values: { title: "Order 4711", account: "Idem Co" } },
    };
    const first = await call(dealsRoute.POST, req);
    expect(first.status).toBe(201);
    const again = await call(dealsRoute.POST, req);
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.body!.id).toBe(first.body!.id);
    const rows = await t.db
      .select()
      .from(deals)
      .where(and(eq(deals.companyId, a.id), eq(deals.title, "Order 4711")));
    expect(rows).toHaveLength(1);

    const other = await call(dealsRoute.POST, {
      ...req,
      body: { values: { title: "Order 4712", account: "Idem Co" } },
    });
    expect(other.status).toBe(422);
    expect(other.body!.type).toBe("/developers#problem-idempotency-mismatch");
    // Another key's Idempotency-Key space is its own.
    const [otherKey] = await t.db.select().from(apiKeys).where(eq(apiKeys.companyId, b.id));
    expect(otherKey).toBeDefined();
    const inB = await call(dealsRoute.POST, { ...req, key: keyB });
    expect(inB.status).toBe(201);
    expect(inB.body!.id).not.toBe(first.body!.id);
  });
});

describe("problem details", () => {
  it("should answer an unknown path with a problem+json 404", async () => {
    const res = await call(unknownRoute.GET, { path: "/dealz", params: { path: "dealz" }, locale: "zh-CN" });
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(res.body!.detail).toBe("未找到。");
  });

  it("should answer in Chinese or English by Accept-Language", async () => {
    const zh = await call(dealsRoute.GET, { path: "/deals", locale: "zh-CN,zh;q=0.9" });
    expect(zh.headers.get("content-language")).toBe("zh-CN");
    expect(zh.body!.detail).toContain("缺少 API 密钥");
    const en = await call(dealsRoute.GET, { path: "/deals", locale: "en-US,en;q=0.8" });
    expect(en.headers.get("content-language")).toBe("en");
    expect(en.body!.detail).toContain("No API key");
    const id = a.dealIds[2]!;
    const closed = await call(actionRoute.POST, {
      method: "POST",
      path: `/deals/${id}/actions/closeLost`,
      params: { id, action: "closeLost" },
      key: writeKey,
      locale: "zh-CN",
      body: {},
    });
    expect(closed.status).toBe(422);
    expect(closed.headers.get("content-language")).toBe("zh-CN");
    expect(closed.body!.title).toMatch(/[\u4e00-\u9fff]/);
    expect(closed.body!.errors[0].message).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe("rate limits", () => {
  it("should send RateLimit headers and answer 429 with Retry-After past the limit", async () => {
    const { token } = await createApiKey(t.db, a.id, a.users.admin.id, { name: "Busy", scope: "read" });
    const first = await call(pipelinesRoute.GET, { path: "/pipelines", key: token });
    expect(first.headers.get("ratelimit-limit")).toBe(String(RATE_LIMIT));
    expect(first.headers.get("ratelimit-remaining")).toBe(String(RATE_LIMIT - 1));
    for (let i = 1; i < RATE_LIMIT; i++) {
      const res = await call(pipelinesRoute.GET, { path: "/pipelines", key: token });
      expect(res.status).toBe(200);
    }
    const over = await call(pipelinesRoute.GET, { path: "/pipelines", key: token, locale: "zh-CN" });
    expect(over.status).toBe(429);
    expect(Number(over.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(over.headers.get("ratelimit-remaining")).toBe("0");
    expect(over.body!.detail).toContain("每分钟最多 120 次");
    // Another key of the company is not slowed down.
    expect((await call(pipelinesRoute.GET, { path: "/pipelines", key: readKey })).status).toBe(200);
  });
});

describe("OpenAPI document", () => {
  it("should be served without a key as OpenAPI 3.1", async () => {
    const res = await openapiRoute.GET();
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; components: { schemas: Record<string, unknown> } };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(["Deal", "Problem", "ActionResult"]),
    );
    // Descriptions in both languages, for the reference page.
    const deal = doc.components.schemas.Deal as { properties: Record<string, Record<string, string>> };
    expect(deal.properties.version!.description).toContain("If-Match");
    expect(deal.properties.version!["x-description-zh"]).toContain("If-Match");
  });

  it("should describe every route file under app/api/v1, with each method it exports", () => {
    const root = path.resolve(import.meta.dirname, "../../app/api/v1");
    const routes: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        // The catch-all only answers 404 for paths the API does not have.
        else if (name === "route.ts" && !dir.endsWith("[...path]")) routes.push(full);
      }
    };
    walk(root);
    expect(routes.length).toBeGreaterThanOrEqual(8);
    const doc = openApiDocument() as unknown as { paths: Record<string, Record<string, unknown>> };
    for (const file of routes) {
      const dir = path.relative(root, path.dirname(file)).split(path.sep).join("/");
      const apiPath = `/${dir}`.replace(/\[([^\]]+)\]/g, "{$1}");
      const methods = [
        ...readFileSync(file, "utf8").matchAll(
          /export (?:const|async function|function) (GET|POST|PATCH|PUT|DELETE)\b/g,
        ),
      ].map((m) => m[1]!.toLowerCase());
      expect(methods.length, file).toBeGreaterThan(0);
      for (const method of methods)
        expect(doc.paths[apiPath]?.[method], `${method} ${apiPath}`).toBeDefined();
    }
  });
});
