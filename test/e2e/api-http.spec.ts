import { expect, test, type APIRequestContext, type Browser } from "@playwright/test";
import { createPipewrightClient, type PipewrightClient } from "@/lib/api-client";
import { DEMO_PASSWORD, daysFromNow, signIn, trpc } from "./helpers";

/**
 * The REST API through real HTTP against the running app, with the typed client generated from
 * its OpenAPI document: every route, every error status, key scopes, two companies' keys kept
 * apart, idempotent retries and the rate limit. Keys are made the way an admin makes them (the
 * Settings page's own tRPC call), so nothing here reaches into the database.
 */

test.describe.configure({ mode: "serial" });
test.setTimeout(120_000);

async function signedInRequest(browser: Browser, email: string, password = DEMO_PASSWORD) {
  const context = await browser.newContext({ locale: "en-US" });
  const page = await context.newPage();
  await signIn(page, email, password);
  await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
  return { context, request: context.request };
}

async function createKey(request: APIRequestContext, name: string, scope: "read" | "write") {
  const key = await trpc<{ token: string }>(request, "apiKeys.create", { name, scope });
  return key.token;
}

const run = Date.now().toString(36);
let baseUrl = "";
let demoWriteToken = "";
let demoWrite: PipewrightClient;
let demoRead: PipewrightClient;
let otherWrite: PipewrightClient;
let demoPipelineId = "";
let otherDealId = "";

test.beforeAll(async ({ browser }, info) => {
  baseUrl = info.project.use.baseURL!;
  const demo = await signedInRequest(browser, "admin@example.com");
  demoWriteToken = await createKey(demo.request, `HTTP write ${run}`, "write");
  demoWrite = createPipewrightClient({ baseUrl, token: demoWriteToken });
  demoRead = createPipewrightClient({
    baseUrl,
    token: await createKey(demo.request, `HTTP read ${run}`, "read"),
  });
  await demo.context.close();

  // A second company, signed up like any new customer, with a published pipeline and one deal.
  const email = `owner.${run}@other.example.com`;
  const signUp = await browser.newContext();
  await trpc(signUp.request, "auth.signUp", {
    companyName: `Other Co ${run}`,
    name: "Other Owner",
    email,
    password: "other-company-pass",
    locale: "en",
  });
  await signUp.close();
  const other = await signedInRequest(browser, email, "other-company-pass");
  const created = await trpc<{ pipelineId: string; versionId: string }>(
    other.request,
    "editor.createPipeline",
    {
      name: { zh: "另一家公司流程", en: "Other pipeline" },
      template: "bant",
    },
  );
  const version = await trpc<{ revision: number }>(
    other.request,
    "editor.version",
    { versionId: created.versionId },
    "GET",
  );
  await trpc(other.request, "editor.publish", {
    versionId: created.versionId,
    expectedRevision: version.revision,
    changeNote: "first",
  });
  otherWrite = createPipewrightClient({
    baseUrl,
    token: await createKey(other.request, "Other key", "write"),
  });
  await other.context.close();
  const { data: deal, error } = await otherWrite.POST("/deals", {
    body: {
      pipelineId: created.pipelineId,
      values: { title: "Other company's secret deal", account: "Rival Ltd" },
    },
  });
  expect(error, JSON.stringify(error)).toBeUndefined();
  otherDealId = deal!.id;
});

test("a generated client drives a deal from creation to won through the engine", async () => {
  const { data: pipelines, response } = await demoWrite.GET("/pipelines");
  expect(response.status).toBe(200);
  const pipeline = pipelines!.items.find((p) => p.isDefault)!;
  demoPipelineId = pipeline.id;
  const { data: detail } = await demoWrite.GET("/pipelines/{id}", { params: { path: { id: pipeline.id } } });
  expect(detail!.fields.map((f) => f.key)).toEqual(
    expect.arrayContaining(["title", "amount", "finalAmount"]),
  );

  const created = await demoWrite.POST("/deals", {
    body: {
      pipelineId: pipeline.id,
      ownerEmail: "rep.east@example.com",
      values: {
        title: `API deal ${run}`,
        account: "华东医院",
        amount: 200_000,
        industry: "healthcare",
        region: "east",
        source: "website",
        expectedClose: daysFromNow(60), // BANT's "timing": closing within 180 days
      },
    },
  });
  expect(created.response.status).toBe(201);
  expect(created.response.headers.get("location")).toBe(`/api/v1/deals/${created.data!.id}`);
  let deal = created.data!;
  expect(deal.stage).toBe("lead");
  expect(deal.owner?.email).toBe("rep.east@example.com");

  const step = async (
    action: string,
    body: { values?: Record<string, unknown>; checked?: string[] } = {},
  ) => {
    const res = await demoWrite.POST("/deals/{id}/actions/{action}", {
      params: { path: { id: deal.id, action } },
      body: body as never,
      headers: { "If-Match": `"${deal.version}"` },
    });
    expect(res.response.status, JSON.stringify(res.error)).toBe(200);
    deal = res.data!.deal;
    return res.data!;
  };

  // Qualify needs the checklist and BANT: refused first (422, every unmet criterion), then done.
  await step("startContact");
  const actions = await demoWrite.GET("/deals/{id}/actions", { params: { path: { id: deal.id } } });
  const qualify = actions.data!.items.find((a) => a.key === "qualify")!;
  expect(qualify.enabled).toBe(false);
  const refused = await demoWrite.POST("/deals/{id}/actions/{action}", {
    params: { path: { id: deal.id, action: "qualify" } },
    body: {},
    headers: { "If-Match": `"${deal.version}"` },
  });
  expect(refused.response.status).toBe(422);
  expect(refused.response.headers.get("content-type")).toContain("application/problem+json");
  expect(refused.error!.errors!.length).toBeGreaterThanOrEqual(2);

  const qualified = await step("qualify", {
    checked: ["reachedDecisionMaker", "interestConfirmed"],
    values: { budgetConfirmed: true, budget: 300_000, decisionMaker: "王主任", need: "门诊系统升级" },
  });
  expect(qualified.stage).toBe("analysis"); // through the BANT decision
  await step("startProposal", { values: { painPoints: "排队时间长", competitors: ["rivalA"] } });
  await step("sendProposal", {
    values: {
      proposalAmount: 200_000,
      proposalLink: "https://example.com/p.pdf",
      discountPct: 5,
    },
  });
  expect(deal.stage).toBe("negotiation"); // a small discount needs no approval
  const won = await step("closeWon", { values: { finalAmount: 195_000 } });
  expect(won.outcome).toBe("won");
  expect(deal.closedAt).not.toBeNull();

  const events = await demoRead.GET("/deals/{id}/events", { params: { path: { id: deal.id } } });
  expect(events.data!.items.map((e) => e.type)).toEqual(expect.arrayContaining(["created", "action"]));
  const last = events.data!.items.at(-1)!;
  expect(last.toStage).toBe("won");
  expect(last.actor.type).toBe("apiKey"); // the key, not a person, is the actor
  expect(last.actor.name).toBe(`HTTP write ${run}`);
});

test("every error status comes back as problem+json in the caller's language", async ({ request }) => {
  const zh = createPipewrightClient({ baseUrl, locale: "zh-CN" });
  // 401: no key, a made-up key
  const none = await zh.GET("/deals");
  expect(none.response.status).toBe(401);
  expect(none.response.headers.get("content-language")).toBe("zh-CN");
  expect(none.error!.title).toMatch(/[\u4e00-\u9fff]/);
  const fake = createPipewrightClient({ baseUrl, token: "pw_aaaaaaaaaaaa_" + "x".repeat(43) });
  expect((await fake.GET("/deals")).response.status).toBe(401);

  // 403: a read key writing
  const readOnly = await demoRead.POST("/deals", { body: { values: { title: "x", account: "y" } } });
  expect(readOnly.response.status).toBe(403);

  // 400: a bad query, a bad body, broken JSON
  const badQuery = await demoRead.GET("/deals", { params: { query: { limit: 0 } } });
  expect(badQuery.response.status).toBe(400);
  expect(badQuery.error!.errors!.some((e) => e.parameter === "limit")).toBe(true);
  const badBody = await demoWrite.POST("/deals", { body: { values: {} } as never });
  expect(badBody.response.status).toBe(400);
  expect(badBody.error!.errors!.map((e) => e.pointer)).toEqual(["#/values/title", "#/values/account"]);
  const brokenJson = await request.post("/api/v1/deals", {
    data: "{not json",
    headers: { Authorization: `Bearer ${demoWriteToken}`, "content-type": "application/json" },
  });
  expect(brokenJson.status()).toBe(400);

  // 404: an unknown id, a malformed id, an unknown path
  const missing = await demoRead.GET("/deals/{id}", {
    params: { path: { id: "00000000-0000-4000-8000-000000000000" } },
  });
  expect(missing.response.status).toBe(404);
  expect((await demoRead.GET("/deals/{id}", { params: { path: { id: "nope" } } })).response.status).toBe(404);
  const unknownPath = await request.get("/api/v1/nothing-here", { headers: { "Accept-Language": "en" } });
  expect(unknownPath.status()).toBe(404);
  expect(unknownPath.headers()["content-type"]).toContain("application/problem+json");

  // 428 without If-Match, 409 with a stale one, 200 with the current one
  const { data: page } = await demoWrite.GET("/deals", { params: { query: { limit: 1, stage: "lead" } } });
  const deal = page!.items[0]!;
  const noIfMatch = await demoWrite.PATCH("/deals/{id}", {
    params: { path: { id: deal.id } } as never, // the typed client insists on If-Match; send none
    body: { values: { contact: "张三" } },
  });
  expect(noIfMatch.response.status).toBe(428);
  const stale = await demoWrite.PATCH("/deals/{id}", {
    params: { path: { id: deal.id }, header: { "If-Match": `"${deal.version - 1}"` } },
    body: { values: { contact: "张三" } },
  });
  expect(stale.response.status).toBe(409);
  const patched = await demoWrite.PATCH("/deals/{id}", {
    params: { path: { id: deal.id }, header: { "If-Match": `"${deal.version}"` } },
    body: { values: { contact: "张三" } },
  });
  expect(patched.response.status).toBe(200);
  expect(patched.data!.values.contact).toBe("张三");
  expect(patched.response.headers.get("etag")).toBe(`"${patched.data!.version}"`);
  // The action route checks the version too.
  const staleAction = await demoWrite.POST("/deals/{id}/actions/{action}", {
    params: { path: { id: deal.id, action: "startContact" } },
    body: {},
    headers: { "If-Match": `"${deal.version}"` },
  });
  expect(staleAction.response.status).toBe(409);
  // An action the stage does not have
  const unknownAction = await demoWrite.POST("/deals/{id}/actions/{action}", {
    params: { path: { id: deal.id, action: "closeWon" } },
    body: {},
    headers: { "If-Match": `"${patched.data!.version}"` },
  });
  expect(unknownAction.response.status).toBe(422);
  expect(unknownAction.error!.errors![0]!.kind).toBe("unknownAction");
});

test("a key sees and changes only its own company's data", async () => {
  // The other company's deal is invisible to the demo company's keys, for reading and writing.
  expect((await demoRead.GET("/deals/{id}", { params: { path: { id: otherDealId } } })).response.status).toBe(
    404,
  );
  expect(
    (await demoRead.GET("/deals/{id}/events", { params: { path: { id: otherDealId } } })).response.status,
  ).toBe(404);
  expect(
    (await demoRead.GET("/deals/{id}/actions", { params: { path: { id: otherDealId } } })).response.status,
  ).toBe(404);
  const patch = await demoWrite.PATCH("/deals/{id}", {
    params: { path: { id: otherDealId }, header: { "If-Match": '"1"' } },
    body: { values: { title: "hijacked" } },
  });
  expect(patch.response.status).toBe(404);
  const act = await demoWrite.POST("/deals/{id}/actions/{action}", {
    params: { path: { id: otherDealId, action: "startContact" } },
    body: {},
    headers: { "If-Match": '"1"' },
  });
  expect(act.response.status).toBe(404);
  // …and the other way round: its key lists only its own deal and pipeline.
  const theirs = await otherWrite.GET("/deals", { params: { query: { limit: 100 } } });
  expect(theirs.data!.items.map((d) => d.id)).toEqual([otherDealId]);
  expect(
    (await otherWrite.GET("/pipelines/{id}", { params: { path: { id: demoPipelineId } } })).response.status,
  ).toBe(404);
  const intoDemo = await otherWrite.POST("/deals", {
    body: { pipelineId: demoPipelineId, values: { title: "x", account: "y" } },
  });
  expect(intoDemo.response.status).toBe(404);
  // Their deal is unchanged.
  const { data: still } = await otherWrite.GET("/deals/{id}", { params: { path: { id: otherDealId } } });
  expect(still!.title).toBe("Other company's secret deal");
});

test("a retried POST with the same Idempotency-Key returns the first result and creates one deal", async () => {
  const key = `retry-${run}`;
  const body = { values: { title: `Idempotent ${run}`, account: "重试客户" } };
  const first = await demoWrite.POST("/deals", { body, headers: { "Idempotency-Key": key } });
  const second = await demoWrite.POST("/deals", { body, headers: { "Idempotency-Key": key } });
  expect(first.response.status).toBe(201);
  expect(second.response.status).toBe(201);
  expect(second.response.headers.get("idempotent-replayed")).toBe("true");
  expect(second.data!.id).toBe(first.data!.id);
  // The same key with another body is refused rather than silently answered.
  const other = await demoWrite.POST("/deals", {
    body: { values: { title: "Different", account: "x" } },
    headers: { "Idempotency-Key": key },
  });
  expect(other.response.status).toBe(422);
  const listed = await demoRead.GET("/deals", {
    params: { query: { limit: 200, updatedSince: first.data!.createdAt } },
  });
  expect(listed.data!.items.filter((d) => d.title === `Idempotent ${run}`)).toHaveLength(1);
});

test("a key past its rate limit gets 429 with RateLimit headers, and other keys are unaffected", async ({
  browser,
}) => {
  const demo = await signedInRequest(browser, "admin@example.com");
  const busy = createPipewrightClient({
    baseUrl,
    token: await createKey(demo.request, `Busy ${run}`, "read"),
  });
  await demo.context.close();
  const first = await busy.GET("/pipelines");
  const limit = Number(first.response.headers.get("ratelimit-limit"));
  expect(limit).toBeGreaterThan(0);
  expect(Number(first.response.headers.get("ratelimit-remaining"))).toBe(limit - 1);
  let last = first.response;
  for (let i = 1; i <= limit; i++) last = (await busy.GET("/pipelines")).response;
  expect(last.status).toBe(429);
  expect(last.headers.get("ratelimit-remaining")).toBe("0");
  expect(Number(last.headers.get("retry-after"))).toBeGreaterThan(0);
  expect((await demoRead.GET("/pipelines")).response.status).toBe(200);
});
