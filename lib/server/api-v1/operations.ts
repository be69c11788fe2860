import { appError } from "@/lib/server/errors";
import {
  applyActionApi,
  createDealApi,
  dealActionsApi,
  dealEventsApi,
  getDealApi,
  getPipelineApi,
  listDealsApi,
  listPipelinesApi,
  updateDealApi,
  versionFromIfMatch,
} from "./deals";
import { defineOperation, type Operation } from "./http";
import * as S from "./schemas";

const IF_MATCH = {
  name: "If-Match",
  description: 'The deal version you last read (its ETag), e.g. "7". A stale one gets 409.',
  descriptionZh: '您读取到的商机版本号(即 ETag),例如 "7"。版本过期返回 409。',
  example: '"7"',
};
const IDEMPOTENCY_KEY = {
  name: "Idempotency-Key",
  required: false,
  description:
    "Any unique string (e.g. a UUID) of up to 200 characters: a retry with it returns the first response.",
  descriptionZh: "任意唯一字符串(例如 UUID),最多 200 个字符:用它重试会返回第一次的响应。",
  example: "3f1c9a0e-6b1d-4a55-9c39-1f0d4e0f8a21",
};

function expectedVersion(headers: Headers, required: boolean) {
  const v = versionFromIfMatch(headers.get("if-match"));
  if (v === "invalid") throw appError("BAD_REQUEST", "api.badIfMatch");
  if (v === null && required) throw appError("PRECONDITION_REQUIRED", "api.ifMatchRequired");
  return v;
}

const etag = (version: number) => ({ ETag: `"${version}"` });

export const listPipelines = defineOperation({
  id: "listPipelines",
  method: "get",
  path: "/pipelines",
  scope: "read",
  summary: { zh: "列出销售流程", en: "List pipelines" },
  description: {
    zh: "公司的全部销售流程,含已发布版本及其阶段。",
    en: "The company's pipelines with their published version and its stages.",
  },
  success: { status: 200, description: "The pipelines", schema: S.PipelineList },
  errors: [],
  handle: async ({ db, principal }) => ({ body: await listPipelinesApi(db, principal) }),
});

export const getPipeline = defineOperation({
  id: "getPipeline",
  method: "get",
  path: "/pipelines/{id}",
  scope: "read",
  summary: { zh: "查看销售流程", en: "Get a pipeline" },
  description: {
    zh: "已发布版本的定义(节点、连线、规则)和字段。",
    en: "The published version's definition (nodes, edges, rules) and its fields.",
  },
  params: S.PipelinePath,
  success: { status: 200, description: "The pipeline", schema: S.Pipeline },
  errors: [404],
  handle: async ({ db, principal, params }) => ({ body: await getPipelineApi(db, principal, params.id) }),
});

export const listDeals = defineOperation({
  id: "listDeals",
  method: "get",
  path: "/deals",
  scope: "read",
  summary: { zh: "列出商机", en: "List deals" },
  description: {
    zh: "按最后修改时间从早到晚排列,游标分页;可按流程、阶段、负责人邮箱、修改时间筛选。",
    en: "Oldest change first, cursor pagination; filter by pipeline, stage, owner e-mail and updatedSince.",
  },
  query: S.DealListQuery,
  success: { status: 200, description: "A page of deals", schema: S.DealList },
  errors: [400],
  example: { query: "?stage=qualify&limit=20" },
  handle: async ({ db, principal, query }) => ({ body: await listDealsApi(db, principal, query) }),
});

export const createDeal = defineOperation({
  id: "createDeal",
  method: "post",
  path: "/deals",
  scope: "write",
  summary: { zh: "创建商机", en: "Create a deal" },
  description: {
    zh: "在流程已发布版本的初始阶段创建商机;未指定负责人时按流程的分配规则分配。",
    en: "Creates a deal in the initial stage of the pipeline's published version; without an owner the pipeline's responsibility rule assigns one.",
  },
  body: S.CreateDealBody,
  headers: [IDEMPOTENCY_KEY],
  success: { status: 201, description: "The deal created", schema: S.Deal },
  errors: [400, 404, 409, 422],
  example: {
    body: {
      values: { title: "华东医院 CRM 升级", account: "华东医院", amount: 380000 },
      ownerEmail: "rep.east@example.com",
    },
  },
  handle: async ({ db, principal, body }) => {
    const deal = await createDealApi(db, principal, body);
    return {
      status: 201,
      body: deal,
      headers: { ...etag(deal.version), Location: `/api/v1/deals/${deal.id}` },
    };
  },
});

export const getDeal = defineOperation({
  id: "getDeal",
  method: "get",
  path: "/deals/{id}",
  scope: "read",
  summary: { zh: "查看商机", en: "Get a deal" },
  description: {
    zh: "商机的全部字段、阶段和版本号(ETag)。",
    en: "Every field of the deal, its stage and its version (ETag).",
  },
  params: S.DealPath,
  success: { status: 200, description: "The deal", schema: S.Deal },
  errors: [404],
  handle: async ({ db, principal, params }) => {
    const deal = await getDealApi(db, principal, params.id);
    return { body: deal, headers: etag(deal.version) };
  },
});

export const updateDeal = defineOperation({
  id: "updateDeal",
  method: "patch",
  path: "/deals/{id}",
  scope: "write",
  summary: { zh: "修改商机字段", en: "Update a deal's fields" },
  description: {
    zh: "只修改字段,不改变阶段(阶段只能通过操作推进)。必须带 If-Match 版本号。",
    en: "Changes fields only, never the stage (only actions move a deal). If-Match with the version is required.",
  },
  params: S.DealPath,
  body: S.UpdateDealBody,
  headers: [{ ...IF_MATCH, required: true }],
  success: { status: 200, description: "The deal after the change", schema: S.Deal },
  errors: [400, 403, 404, 409, 428],
  example: { body: { values: { amount: 420000, nextStep: null } } },
  handle: async ({ db, principal, params, body, headers, locale }) => {
    const version = expectedVersion(headers, true)!;
    const deal = await updateDealApi(db, principal, params.id, version, body, locale);
    return { body: deal, headers: etag(deal.version) };
  },
});

export const listDealActions = defineOperation({
  id: "listDealActions",
  method: "get",
  path: "/deals/{id}/actions",
  scope: "read",
  summary: { zh: "可用操作", en: "Available actions" },
  description: {
    zh: "当前阶段的全部操作,无论是否可用;不可用的附原因(缺少的字段、未满足的条件)。",
    en: "Every action of the current stage, enabled or not; disabled ones with the reasons (missing fields, unmet conditions).",
  },
  params: S.DealPath,
  success: { status: 200, description: "The actions", schema: S.ActionList },
  errors: [404],
  handle: async ({ db, principal, params, locale }) => ({
    body: await dealActionsApi(db, principal, params.id, locale),
  }),
});

export const applyDealAction = defineOperation({
  id: "applyDealAction",
  method: "post",
  path: "/deals/{id}/actions/{action}",
  scope: "write",
  summary: { zh: "执行操作", en: "Take an action" },
  description: {
    zh: "经由流程引擎执行操作,与销售在应用中操作完全相同:条件不满足返回 422 并列出每一项;版本过期返回 409。",
    en: "Runs the action through the engine exactly as a rep's click does: 422 listing every unmet criterion, 409 on a stale version.",
  },
  params: S.ActionPath,
  body: S.ApplyActionBody,
  headers: [{ ...IF_MATCH, required: false }, IDEMPOTENCY_KEY],
  success: { status: 200, description: "The action was taken: the new stage", schema: S.ActionResult },
  errors: [400, 404, 409, 422],
  example: { body: { values: { budgetConfirmed: true }, comment: "Budget approved by CFO" } },
  handle: async ({ db, principal, params, body, headers }) => {
    const result = await applyActionApi(
      db,
      principal,
      params.id,
      params.action,
      expectedVersion(headers, false),
      body,
    );
    return { body: result, headers: etag(result.deal.version) };
  },
});

export const listDealEvents = defineOperation({
  id: "listDealEvents",
  method: "get",
  path: "/deals/{id}/events",
  scope: "read",
  summary: { zh: "商机历史", en: "Deal history" },
  description: {
    zh: "商机的事件记录(创建、操作、修改……),按时间顺序,游标分页;执行者可以是成员、API 密钥或系统。",
    en: "The deal's events (created, actions, edits…) in order, cursor pagination; the actor is a member, an API key or the system.",
  },
  params: S.DealPath,
  query: S.EventQuery,
  success: { status: 200, description: "A page of events", schema: S.EventList },
  errors: [400, 404],
  handle: async ({ db, principal, params, query }) => ({
    body: await dealEventsApi(db, principal, params.id, query),
  }),
});

/** Every operation of /api/v1, in the order the reference lists them. */
export const OPERATIONS: Operation[] = [
  listPipelines,
  getPipeline,
  listDeals,
  createDeal,
  getDeal,
  updateDeal,
  listDealActions,
  applyDealAction,
  listDealEvents,
] as unknown as Operation[];
