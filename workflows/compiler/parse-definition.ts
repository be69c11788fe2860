import { z } from "zod";
import { PipelineDefinition } from "@/workflows/definition/schema";
import type { Diagnostic } from "@/workflows/machine/format";
import { error, text } from "./diagnostic";

export type ParseOutcome =
  { ok: true; definition: PipelineDefinition } | { ok: false; diagnostics: Diagnostic[] };

/** `nodes[2].data.key`, or `(root)` for the definition itself. */
const formatPath = (path: readonly PropertyKey[]): string =>
  path.length === 0
    ? "(root)"
    : path
        .map((part, i) => (typeof part === "number" ? `[${part}]` : `${i === 0 ? "" : "."}${String(part)}`))
        .join("");

/**
 * Parses the input with the definition schema. On failure, one `invalidDefinition` error per
 * zod issue, naming where it is. zod's own messages come in English and, through a second
 * parse with zod's zh-CN locale (only on failure), in Chinese; messages the schema sets itself
 * are the same in both.
 */
export function parseDefinition(input: unknown): ParseOutcome {
  const en = PipelineDefinition.safeParse(input);
  if (en.success) return { ok: true, definition: en.data };
  const zh = PipelineDefinition.safeParse(input, { error: z.locales.zhCN().localeError });
  const zhIssues = zh.success ? [] : zh.error.issues;
  return {
    ok: false,
    diagnostics: en.error.issues.map((issue, i) => {
      const where = formatPath(issue.path);
      const zhMessage = zhIssues[i]?.message ?? issue.message;
      return error(
        "invalidDefinition",
        text(
          `流程定义格式有误(${where}):${zhMessage}`,
          `The definition is not valid at ${where}: ${issue.message}`,
        ),
      );
    }),
  };
}
