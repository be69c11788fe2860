"use client";

import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from "@xyflow/react";
import { BellIcon, CheckIcon, FilterIcon, PencilLineIcon, XIcon } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { memo } from "react";
import { localized } from "@/lib/i18n/localized";
import { cn } from "@/lib/ui/cn";
import { summarize } from "../_rules/summary";
import { useEditorContext } from "./context";
import type { FlowEdge } from "./flow";
import { DiagnosticBadge } from "./nodes";

const STROKE = {
  plain: "oklch(0.62 0.02 260)",
  approve: "oklch(0.6 0.15 155)",
  reject: "oklch(0.58 0.22 27)",
  conditional: "oklch(0.6 0.13 70)",
  selected: "oklch(0.5 0.17 255)",
  added: "oklch(0.6 0.15 155)",
  removed: "oklch(0.58 0.22 27)",
  changed: "oklch(0.72 0.15 75)",
};

function PipelineEdgeView(props: EdgeProps<FlowEdge>) {
  const {
    id,
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition,
    targetPosition,
    data,
    selected,
    markerEnd,
  } = props;
  const t = useTranslations("editor.canvas");
  const locale = useLocale();
  const { fields, rules, directory } = useEditorContext();
  if (!data) return null;
  const { edge, diagnostics, diff } = data;
  const conditional = edge.condition !== undefined;
  const conditionText = edge.condition
    ? summarize(edge.condition, {
        fields,
        rules,
        users: directory.users,
        locale: locale.startsWith("zh") ? "zh-CN" : "en",
      })
    : undefined;
  let path: string;
  let labelX: number;
  let labelY: number;
  if (edge.source === edge.target) {
    // A loop back into the same stage: an arc above the node.
    const lift = 70;
    path = `M ${sourceX} ${sourceY} C ${sourceX + 60} ${sourceY - lift}, ${targetX - 60} ${targetY - lift}, ${targetX} ${targetY}`;
    labelX = (sourceX + targetX) / 2;
    labelY = sourceY - lift * 0.75;
  } else {
    [path, labelX, labelY] = getBezierPath({
      sourceX,
      sourceY,
      targetX,
      targetY,
      sourcePosition,
      targetPosition,
    });
  }
  const stroke = diff
    ? STROKE[diff]
    : selected
      ? STROKE.selected
      : edge.branch === "approve"
        ? STROKE.approve
        : edge.branch === "reject"
          ? STROKE.reject
          : conditional
            ? STROKE.conditional
            : STROKE.plain;
  const label = edge.action
    ? localized(edge.action.name, locale)
    : edge.branch === "approve"
      ? t("approve")
      : edge.branch === "reject"
        ? t("reject")
        : edge.branch === "default"
          ? t("defaultBranch")
          : conditional
            ? (conditionText ?? t("whenCondition"))
            : null;
  const hasEffects = edge.effects.length > 0;
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        style={{
          stroke,
          strokeWidth: selected ? 2.5 : 1.75,
          strokeDasharray: conditional ? "6 4" : undefined,
          opacity: diff === "removed" ? 0.5 : 1,
        }}
        interactionWidth={24}
      />
      {label !== null || diagnostics ? (
        <EdgeLabelRenderer>
          <div
            data-testid="flow-edge-label"
            data-edge={id}
            title={conditionText}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            className={cn(
              "nodrag nopan absolute flex max-w-36 items-center gap-1 rounded-full border bg-card px-1.5 py-px text-[10.5px] font-medium text-foreground shadow-sm",
              "pointer-events-auto cursor-pointer",
              selected && "border-primary text-primary",
              conditional && "border-dashed border-[oklch(0.75_0.12_75)] bg-[oklch(0.985_0.02_85)]",
              edge.branch === "approve" && "border-success/40 text-[oklch(0.42_0.12_155)]",
              edge.branch === "reject" && "border-destructive/30 text-destructive",
              diff === "removed" && "opacity-50 line-through",
            )}
          >
            {conditional ? (
              <FilterIcon
                className="size-3 shrink-0 text-[oklch(0.6_0.13_70)]"
                aria-label={t("conditional")}
              />
            ) : null}
            {edge.branch === "approve" ? <CheckIcon className="size-3 shrink-0" /> : null}
            {edge.branch === "reject" ? <XIcon className="size-3 shrink-0" /> : null}
            {label !== null ? <span className="truncate">{label}</span> : null}
            {hasEffects ? (
              edge.effects.some((e) => e.kind === "notify") ? (
                <BellIcon className="size-3 shrink-0 text-muted-foreground" aria-label={t("effects")} />
              ) : (
                <PencilLineIcon className="size-3 shrink-0 text-muted-foreground" aria-label={t("effects")} />
              )
            ) : null}
            <DiagnosticBadge
              diagnostics={diagnostics}
              className="-my-1 -mr-1.5 ml-0.5 h-4 min-w-4 px-1 text-[10px]"
            />
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
}

export const edgeTypes = { pipeline: memo(PipelineEdgeView) };
