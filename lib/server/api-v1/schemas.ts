import { z } from "zod";
import { CURRENCIES } from "@/lib/server/deals/update-deal";

/**
 * The zod schemas of the public REST API: the routes validate requests with them and the
 * OpenAPI document (openapi.ts) is generated from them, so the two cannot drift apart. A schema
 * with `.meta({ id })` becomes a named component of the document.
 */

const Key = z.string().regex(/^[a-z][a-zA-Z0-9_]{0,63}$/);

export const Localized = z.object({ zh: z.string(), en: z.string() }).meta({
  id: "LocalizedText",
  description: "A text in Chinese and English.",
  "x-description-zh": "中文和英文文本。",
});

export const DealValue = z
  .union([z.string().max(10_000), z.number(), z.boolean(), z.array(z.string().max(200)).max(50), z.null()])
  .meta({
    id: "DealValue",
    description: "A field value: text, number, yes/no, a list of option keys, or null.",
    "x-description-zh": "字段值:文本、数字、是/否、选项键列表或 null。",
  });

export const DealValues = z
  .record(Key, DealValue)
  .refine((v) => Object.keys(v).length <= 100, { message: "At most 100 fields" })
  .meta({
    id: "DealValues",
    description:
      "Field values by field key (see the pipeline's `fields`); `title`, `account` and `amount` included.",
    "x-description-zh": "按字段键给出的字段值(见流程的 `fields`),包括 `title`、`account` 和 `amount`。",
    example: { title: "华东医院 CRM 升级", account: "华东医院", amount: 380000, industry: "healthcare" },
  });

export const Uuid = z.uuid();

// ── Pipelines ────────────────────────────────────────────────────────────────

export const Stage = z
  .object({
    key: z.string(),
    name: Localized,
    outcome: z.enum(["open", "won", "lost"]),
    probability: z.number(),
  })
  .meta({ id: "Stage" });

export const Field = z.looseObject({ key: z.string(), name: Localized, type: z.string() }).meta({
  id: "Field",
  description:
    "A deal field of the pipeline version (type, options, units…, as in docs/pipeline-definition.md).",
  "x-description-zh": "流程版本的商机字段(类型、选项、单位等,见 docs/pipeline-definition.md)。",
});

export const PipelineSummary = z
  .object({
    id: Uuid,
    key: z.string(),
    name: Localized,
    isDefault: z.boolean(),
    publishedVersion: z
      .object({ id: Uuid, number: z.number().int(), publishedAt: z.iso.datetime().nullable() })
      .nullable(),
    stages: z.array(Stage),
  })
  .meta({ id: "PipelineSummary" });

export const Pipeline = PipelineSummary.extend({
  fields: z.array(Field),
  definition: z.record(z.string(), z.unknown()).meta({
    description:
      "The published version's definition (nodes, edges, fields, rules), docs/pipeline-definition.md.",
    "x-description-zh": "已发布版本的定义(节点、连线、字段、规则),见 docs/pipeline-definition.md。",
  }),
}).meta({ id: "Pipeline" });

export const PipelineList = z.object({ items: z.array(PipelineSummary) }).meta({ id: "PipelineList" });

// ── Deals ────────────────────────────────────────────────────────────────────

export const Deal = z
  .object({
    id: Uuid,
    pipelineId: Uuid,
    pipelineVersionId: Uuid,
    stage: z.string().meta({ description: "The stage key.", "x-description-zh": "阶段键。" }),
    stageName: Localized.nullable(),
    outcome: z.enum(["open", "won", "lost"]),
    title: z.string(),
    account: z.string(),
    amount: z.number().nullable(),
    currency: z.string(),
    values: DealValues,
    owner: z.object({ id: Uuid, name: z.string(), email: z.string() }).nullable(),
    teamId: Uuid.nullable(),
    priority: z.string().nullable(),
    score: z.number().nullable(),
    version: z.number().int().meta({
      description: "Bumped by every change; send it back in If-Match.",
      "x-description-zh": "每次修改后递增;在 If-Match 中回传。",
    }),
    stageEnteredAt: z.iso.datetime(),
    closedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "Deal" });

export const DealList = z
  .object({
    items: z.array(Deal),
    nextCursor: z.string().nullable().meta({
      description: "Pass as `cursor` for the next page; null on the last.",
      "x-description-zh": "作为下一页的 `cursor` 传入;最后一页为 null。",
    }),
  })
  .meta({ id: "DealList" });

export const DealListQuery = z.object({
  pipeline: Uuid.optional().meta({
    description: "Only deals of this pipeline (id).",
    "x-description-zh": "只返回该流程(id)的商机。",
  }),
  stage: Key.optional().meta({
    description: "Only deals in this stage (key).",
    "x-description-zh": "只返回处于该阶段(键)的商机。",
  }),
  ownerEmail: z.email().optional().meta({
    description: "Only deals owned by the member with this e-mail.",
    "x-description-zh": "只返回该邮箱成员负责的商机。",
  }),
  updatedSince: z.iso.datetime({ offset: true }).optional().meta({
    description:
      "Only deals changed at or after this instant (ISO 8601). Deals come oldest change first, so a sync can resume from the last `updatedAt` it saw.",
    "x-description-zh":
      "只返回在此时刻(ISO 8601)或之后修改的商机。结果按修改时间从早到晚排列,同步可以从上次看到的 `updatedAt` 继续。",
  }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

export const CreateDealBody = z
  .object({
    pipelineId: Uuid.optional().meta({
      description: "Defaults to the company's default pipeline.",
      "x-description-zh": "默认为公司的默认流程。",
    }),
    ownerEmail: z.email().optional().meta({
      description: "Else the pipeline's responsibility rule assigns an owner.",
      "x-description-zh": "未指定时按流程的分配规则分配负责人。",
    }),
    values: DealValues,
  })
  .meta({ id: "CreateDeal" });

export const UpdateDealBody = z
  .object({
    values: DealValues.meta({
      description: "Only the fields to change; null clears a field.",
      "x-description-zh": "只包含要修改的字段;null 表示清空。",
    }),
    currency: z.enum(CURRENCIES).optional(),
  })
  .meta({ id: "UpdateDeal" });

export const DealPath = z.object({ id: Uuid });
export const PipelinePath = z.object({ id: Uuid });
export const ActionPath = z.object({ id: Uuid, action: Key });

export const Reason = z
  .object({
    kind: z.enum(["missingField", "checklist", "condition", "notApprover", "unknownAction", "closed"]),
    field: z.string().optional(),
    item: z.string().optional(),
    message: z.string().meta({
      description: "In the language of Accept-Language.",
      "x-description-zh": "使用 Accept-Language 指定的语言。",
    }),
    unmet: z.array(z.string()).optional().meta({
      description: "Each unmet criterion of a condition.",
      "x-description-zh": "条件中每一项未满足的标准。",
    }),
  })
  .meta({ id: "Reason" });

export const AvailableAction = z
  .object({
    key: z.string(),
    name: Localized,
    enabled: z.boolean(),
    reasons: z.array(Reason),
    missingFields: z.array(z.string()),
    targets: z.array(z.string()),
  })
  .meta({ id: "AvailableAction" });

export const ActionList = z
  .object({ stage: z.string(), version: z.number().int(), items: z.array(AvailableAction) })
  .meta({ id: "ActionList" });

export const ApplyActionBody = z
  .object({
    values: DealValues.optional().meta({
      description: "Field values entered with the action (e.g. the lost reason).",
      "x-description-zh": "随操作填写的字段值(例如输单原因)。",
    }),
    checked: z.array(Key).max(50).optional().meta({
      description: "Exit-checklist items of the current stage confirmed.",
      "x-description-zh": "已确认的当前阶段退出清单项。",
    }),
    comment: z.string().trim().max(2000).optional(),
  })
  .meta({ id: "ApplyAction" });

export const ActionResult = z
  .object({
    moved: z.boolean(),
    from: z.string(),
    stage: z.string(),
    stageName: Localized.nullable(),
    outcome: z.enum(["open", "won", "lost"]),
    deal: Deal,
  })
  .meta({ id: "ActionResult" });

export const Actor = z
  .object({
    type: z.enum(["user", "apiKey", "system"]),
    id: z.string().nullable(),
    name: z.string().nullable(),
  })
  .meta({ id: "Actor" });

export const DealEvent = z
  .object({
    id: z.number().int(),
    type: z.string().meta({
      description: "created | action | update | owner | comment | approval | timeLimit | migration | reopen",
    }),
    action: z.string().nullable(),
    fromStage: z.string().nullable(),
    toStage: z.string().nullable(),
    actor: Actor,
    changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })).nullable(),
    comment: z.string().nullable(),
    at: z.iso.datetime(),
  })
  .meta({ id: "DealEvent" });

export const EventList = z
  .object({ items: z.array(DealEvent), nextCursor: z.string().nullable() })
  .meta({ id: "EventList" });

export const EventQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(200),
  cursor: z.string().max(50).optional(),
});

// ── Errors ───────────────────────────────────────────────────────────────────

export const Problem = z
  .object({
    type: z.string().meta({
      description: "A URI reference naming the kind of problem (a section of the reference page).",
      "x-description-zh": "标识问题类型的 URI 引用(指向文档页的相应小节)。",
    }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z
      .array(
        z.looseObject({
          message: z.string(),
          pointer: z.string().optional(),
          kind: z.string().optional(),
        }),
      )
      .optional()
      .meta({
        description: "Every field or criterion at fault.",
        "x-description-zh": "每个有问题的字段或条件。",
      }),
  })
  .loose()
  .meta({
    id: "Problem",
    description: "RFC 9457 problem details, in the language of Accept-Language (zh-CN or en).",
    "x-description-zh": "RFC 9457 问题详情,使用 Accept-Language 指定的语言(zh-CN 或 en)。",
  });
