"use client";

import { MinusIcon, PencilIcon, PlusIcon } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { localized } from "@/lib/i18n/localized";
import type { PipelineDefinition } from "@/workflows/definition/schema";
import type { diffDefinitions } from "@/workflows/definition/diff";
import type { DiffMark } from "./flow";

type Diff = ReturnType<typeof diffDefinitions>;
type Part = { added: string[]; removed: string[]; changed: { id: string; changes: string[] }[] };

/** A short list of what changed between two definitions, in words. */
export function DiffSummary({
  before,
  after,
  diff,
}: {
  before: PipelineDefinition;
  after: PipelineDefinition;
  diff: Diff;
}) {
  const t = useTranslations("editor.diff");
  const locale = useLocale();
  const nodeName = (id: string) => {
    const node = after.nodes.find((n) => n.id === id) ?? before.nodes.find((n) => n.id === id);
    return node ? localized(node.data.name, locale) : id;
  };
  const edgeName = (id: string) => {
    const edge = after.edges.find((e) => e.id === id) ?? before.edges.find((e) => e.id === id);
    if (!edge) return id;
    const label = edge.action ? localized(edge.action.name, locale) : (edge.branch ?? "");
    return `${nodeName(edge.source)} → ${nodeName(edge.target)}${label ? ` (${label})` : ""}`;
  };
  const fieldName = (key: string) => {
    const field = after.fields.find((f) => f.key === key) ?? before.fields.find((f) => f.key === key);
    return field ? localized(field.name, locale) : key;
  };
  // The properties that changed, in words ("win probability", not "probability").
  const propName = (prop: string) => (t.has(`props.${prop}`) ? t(`props.${prop}` as never) : prop);
  const rows: { kind: DiffMark; what: string; text: string; detail?: string }[] = [];
  const push = (part: Part, what: string, name: (id: string) => string) => {
    for (const id of part.added) rows.push({ kind: "added", what, text: name(id) });
    for (const id of part.removed) rows.push({ kind: "removed", what, text: name(id) });
    for (const c of part.changed)
      rows.push({
        kind: "changed",
        what,
        text: name(c.id),
        detail: c.changes.map(propName).join(locale === "zh-CN" ? "、" : ", "),
      });
  };
  push(diff.nodes as Part, t("node"), nodeName);
  push(diff.edges as Part, t("edge"), edgeName);
  push(diff.fields as Part, t("field"), fieldName);
  if (diff.rulesChanged) rows.push({ kind: "changed", what: t("rules"), text: t("rulesChanged") });
  if (diff.scoringChanged) rows.push({ kind: "changed", what: t("scoring"), text: t("scoringChanged") });
  if (rows.length === 0) return <p className="text-sm text-muted-foreground">{t("none")}</p>;
  const icon = {
    added: <PlusIcon className="size-3.5 text-success" aria-label={t("added")} />,
    removed: <MinusIcon className="size-3.5 text-destructive" aria-label={t("removed")} />,
    changed: <PencilIcon className="size-3.5 text-[oklch(0.6_0.13_70)]" aria-label={t("changed")} />,
  };
  return (
    <ul
      className="grid max-h-64 gap-1 overflow-y-auto rounded-md border bg-muted/30 p-2 text-[13px]"
      data-testid="diff-list"
    >
      {rows.map((r, i) => (
        <li key={i} className="flex items-start gap-2">
          <span className="mt-0.5">{icon[r.kind]}</span>
          <span className="min-w-0">
            <span className="text-muted-foreground">{r.what} · </span>
            {r.text}
            {r.detail ? <span className="ml-1 text-xs text-muted-foreground">({r.detail})</span> : null}
          </span>
        </li>
      ))}
    </ul>
  );
}
