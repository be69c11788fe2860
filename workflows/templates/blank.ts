import { PipelineDefinition, type PipelineDefinitionInput } from "@/workflows/definition/schema";
import { edge, field, stage } from "./build";

/** The smallest process that compiles clean: one open stage that can be won or lost. */
export const blankProcess: PipelineDefinition = PipelineDefinition.parse({
  schemaVersion: 1,
  name: { zh: "新流程", en: "New process" },
  initialNodeId: "start",
  fields: [
    field("title", "商机名称", "Title", "text", { requiredAtCreation: true }),
    field("account", "客户", "Account", "text", { requiredAtCreation: true }),
    field("amount", "金额", "Amount", "currency"),
  ],
  rules: [],
  nodes: [
    stage({ key: "start", zh: "跟进", en: "Follow-up", column: 0, probability: 10 }),
    stage({ key: "won", zh: "赢单", en: "Won", column: 1, row: 0, outcome: "won", probability: 100 }),
    stage({ key: "lost", zh: "输单", en: "Lost", column: 1, row: 2, outcome: "lost", probability: 0 }),
  ],
  edges: [
    edge("start", "won", { action: ["closeWon", "赢单", "Close won"] }),
    edge("start", "lost", { action: ["closeLost", "输单", "Close lost"] }),
  ],
} satisfies PipelineDefinitionInput);
