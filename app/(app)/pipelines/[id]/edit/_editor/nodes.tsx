"use client";

import { Handle, Position, type NodeProps } from "@xyflow/react";
import {
  AlertTriangleIcon,
  BookOpenIcon,
  CircleAlertIcon,
  ClockIcon,
  FlagIcon,
  GitForkIcon,
  ListChecksIcon,
  ShieldCheckIcon,
  TrophyIcon,
  UserRoundIcon,
  XCircleIcon,
} from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { memo, type ReactNode } from "react";
import { localized, localName } from "@/lib/i18n/localized";
import { cn } from "@/lib/ui/cn";
import type { Approver, OwnerRule } from "@/workflows/definition/schema";
import { useEditorContext } from "./context";
import { FeedbackBadge } from "./feedback-badges";
import type { FlowNode } from "./flow";
import type { ElementDiagnostics } from "./live-check";
import { NODE_SIZE } from "./layout";

const handleClass =
  "!size-3 !rounded-full !border-2 !border-card !bg-muted-foreground/60 transition-colors hover:!bg-primary";

/** The red (errors) or amber (warnings only) count in a node's or edge's corner. */
export function DiagnosticBadge({
  diagnostics,
  className,
}: {
  diagnostics?: ElementDiagnostics;
  className?: string;
}) {
  const t = useTranslations("editor.canvas");
  const locale = useLocale();
  if (!diagnostics) return null;
  const error = diagnostics.errors > 0;
  const count = error ? diagnostics.errors : diagnostics.warnings;
  const title = diagnostics.items.map((d) => localized(d.message, locale)).join("\n");
  return (
    <span
      data-testid={error ? "diagnostic-error" : "diagnostic-warning"}
      title={title}
      aria-label={t(error ? "errorsBadge" : "warningsBadge", { count })}
      className={cn(
        "pointer-events-auto inline-flex h-5 min-w-5 items-center justify-center gap-0.5 rounded-full px-1.5 text-[11px] font-semibold text-white shadow-sm ring-2 ring-card",
        error ? "bg-destructive" : "bg-warning text-[oklch(0.3_0.08_70)]",
        className,
      )}
    >
      {error ? <CircleAlertIcon className="size-3" /> : <AlertTriangleIcon className="size-3" />}
      {count}
    </span>
  );
}

const diffRing = {
  added: "ring-2 ring-success ring-offset-2 ring-offset-background",
  changed: "ring-2 ring-warning ring-offset-2 ring-offset-background",
  removed: "opacity-45 ring-2 ring-destructive/70 ring-dashed ring-offset-2 ring-offset-background",
} as const;

function useOwnerText(rule: OwnerRule | undefined): string | null {
  const t = useTranslations("editor.owner");
  const locale = useLocale();
  const { directory, fields } = useEditorContext();
  if (!rule || rule.kind === "keep") return null;
  switch (rule.kind) {
    case "teamManager":
      return t("teamManager");
    case "user":
      return directory.users.find((u) => u.id === rule.userId)?.name ?? t("user");
    case "roundRobin": {
      const team = directory.teams.find((x) => x.key === rule.teamKey);
      return t("roundRobinOf", { team: team ? localName(team, locale) : rule.teamKey });
    }
    case "byField": {
      const field = fields.find((f) => f.key === rule.field);
      return t("byFieldOf", { field: field ? localized(field.name, locale) : rule.field });
    }
  }
}

export function useApproverText(approver: Approver | undefined): string {
  const t = useTranslations("editor.approver");
  const tr = useTranslations("roles");
  const { directory } = useEditorContext();
  if (!approver) return t("none");
  if (approver.kind === "role") return tr(approver.role);
  if (approver.kind === "teamManager") return t("teamManager");
  return directory.users.find((u) => u.id === approver.userId)?.name ?? t("user");
}

function Chip({ icon, children, title }: { icon: ReactNode; children?: ReactNode; title?: string }) {
  return (
    <span
      title={title}
      className="inline-flex max-w-full items-center gap-1 truncate rounded bg-muted px-1.5 py-0.5 text-[11px] text-muted-foreground [&_svg]:size-3 [&_svg]:shrink-0"
    >
      {icon}
      {children !== undefined ? <span className="truncate">{children}</span> : null}
    </span>
  );
}

function StageNodeView({ data, selected }: NodeProps<FlowNode>) {
  const t = useTranslations("editor.canvas");
  const locale = useLocale();
  const { node, diagnostics, isStart, diff } = data;
  const stage = node.data.kind === "stage" ? node.data : null;
  const owner = useOwnerText(stage?.owner);
  if (!stage) return null;
  const required = stage.requiredFields.length;
  return (
    <div
      data-testid="flow-stage"
      data-diff={diff}
      data-key={stage.key}
      style={{ width: NODE_SIZE.stage.width, minHeight: NODE_SIZE.stage.height }}
      className={cn(
        "relative flex flex-col justify-between gap-1.5 rounded-lg border bg-card px-2.5 py-2 text-left shadow-[0_1px_2px_rgb(0_0_0/0.06)] transition-shadow hover:shadow-md",
        selected ? "border-primary ring-2 ring-primary/25" : "border-border",
        diagnostics?.errors && !selected && "border-destructive/60",
        diff && diffRing[diff],
      )}
    >
      <Handle type="target" position={Position.Left} className={handleClass} />
      <div className="flex items-center gap-1.5">
        {isStart ? (
          <FlagIcon className="size-3.5 shrink-0 text-primary" aria-label={t("startTitle")} />
        ) : (
          <span className="size-1.5 shrink-0 rounded-full bg-primary" aria-hidden />
        )}
        <span className="min-w-0 flex-1 truncate text-[13px] font-semibold leading-5 text-foreground">
          {localized(stage.name, locale)}
        </span>
        <span className="shrink-0 rounded bg-primary/8 px-1 text-[11px] font-semibold leading-4 tabular-nums text-primary">
          {t("probability", { value: stage.probability })}
        </span>
      </div>
      <div className="flex min-w-0 flex-wrap gap-1">
        {stage.timeLimit ? (
          <Chip icon={<ClockIcon />} title={t("timeLimitTitle")}>
            {t("days", { count: stage.timeLimit.days })}
          </Chip>
        ) : null}
        {required > 0 ? (
          <Chip icon={<ListChecksIcon />} title={t("requiredTitle")}>
            {required}
          </Chip>
        ) : null}
        {stage.guidance ? <Chip icon={<BookOpenIcon />} title={t("guidanceTitle")} /> : null}
        {owner ? (
          <Chip icon={<UserRoundIcon />} title={`${t("ownerTitle")}: ${owner}`}>
            {owner}
          </Chip>
        ) : null}
        {!owner && !stage.timeLimit && required === 0 && !stage.guidance ? (
          <span className="text-[11px] leading-5 text-muted-foreground/70">
            {isStart ? t("start") : t("noRules")}
          </span>
        ) : null}
      </div>
      <DiagnosticBadge diagnostics={diagnostics} className="absolute -right-2 -top-2" />
      <FeedbackBadge stageKey={stage.key} />
      <Handle type="source" position={Position.Right} className={handleClass} />
    </div>
  );
}

function ClosingNodeView({ data, selected }: NodeProps<FlowNode>) {
  const locale = useLocale();
  const t = useTranslations("editor.canvas");
  const { node, diagnostics, diff } = data;
  if (node.data.kind !== "stage") return null;
  const won = node.data.outcome === "won";
  return (
    <div
      data-testid={won ? "flow-won" : "flow-lost"}
      data-diff={diff}
      data-key={node.data.key}
      style={{ width: NODE_SIZE.won.width, height: NODE_SIZE.won.height }}
      className={cn(
        "relative flex items-center gap-2 rounded-full border-2 pl-1.5 pr-4 shadow-sm",
        won
          ? "border-success/50 bg-[oklch(0.97_0.03_155)] text-[oklch(0.38_0.1_155)]"
          : "border-destructive/40 bg-[oklch(0.97_0.02_27)] text-[oklch(0.45_0.17_27)]",
        selected && "ring-2 ring-primary/40",
        diff && diffRing[diff],
      )}
    >
      <Handle type="target" position={Position.Left} className={handleClass} />
      <span
        className={cn(
          "flex size-7 shrink-0 items-center justify-center rounded-full text-white",
          won ? "bg-success" : "bg-destructive",
        )}
      >
        {won ? <TrophyIcon className="size-3.5" /> : <XCircleIcon className="size-3.5" />}
      </span>
      <div className="min-w-0">
        <div className="truncate text-[13px] font-semibold">{localized(node.data.name, locale)}</div>
        <div className="text-[10px] opacity-75">
          {t(won ? "wonCaption" : "lostCaption", { value: node.data.probability })}
        </div>
      </div>
      <DiagnosticBadge diagnostics={diagnostics} className="absolute -right-1 -top-2" />
      <FeedbackBadge stageKey={node.data.key} className="-right-1 -bottom-2" />
    </div>
  );
}

function DecisionNodeView({ data, selected }: NodeProps<FlowNode>) {
  const locale = useLocale();
  const t = useTranslations("editor.canvas");
  const { node, diagnostics, diff } = data;
  const size = NODE_SIZE.decision.width;
  return (
    <div
      data-testid="flow-decision"
      data-diff={diff}
      data-key={node.data.key}
      style={{ width: size, height: size }}
      className="relative flex items-center justify-center"
    >
      <div
        className={cn(
          "absolute inset-[15%] rotate-45 rounded-lg border-2 border-[oklch(0.7_0.12_75)] bg-[oklch(0.98_0.03_85)] shadow-sm",
          selected && "border-primary ring-2 ring-primary/30",
          diff && diffRing[diff],
        )}
      />
      <div className="relative flex max-w-[64px] flex-col items-center text-center" title={t("decision")}>
        <GitForkIcon className="size-3.5 rotate-90 text-[oklch(0.55_0.13_70)]" aria-hidden />
        <span className="mt-0.5 line-clamp-2 text-[11px] font-semibold leading-tight text-foreground">
          {localized(node.data.name, locale)}
        </span>
      </div>
      <Handle type="target" position={Position.Left} className={cn(handleClass, "!left-0")} />
      <Handle type="source" position={Position.Right} className={cn(handleClass, "!right-0")} />
      <DiagnosticBadge diagnostics={diagnostics} className="absolute -right-1 top-0" />
      <FeedbackBadge stageKey={node.data.key} className="-right-1 bottom-0" />
    </div>
  );
}

function ApprovalNodeView({ data, selected }: NodeProps<FlowNode>) {
  const locale = useLocale();
  const t = useTranslations("editor.canvas");
  const { node, diagnostics, diff } = data;
  const approver = useApproverText(node.data.kind === "approval" ? node.data.approver : undefined);
  return (
    <div
      data-testid="flow-approval"
      data-diff={diff}
      data-key={node.data.key}
      style={{ width: NODE_SIZE.approval.width, minHeight: NODE_SIZE.approval.height }}
      className={cn(
        "relative flex items-center gap-2 rounded-lg border border-l-[3px] border-[oklch(0.87_0.04_300)] border-l-[oklch(0.55_0.16_300)] bg-card px-2.5 py-2 shadow-[0_1px_2px_rgb(0_0_0/0.06)]",
        selected && "ring-2 ring-primary/30",
        diff && diffRing[diff],
      )}
    >
      <Handle type="target" position={Position.Left} className={handleClass} />
      <span className="flex size-7 shrink-0 items-center justify-center rounded-md bg-[oklch(0.95_0.04_300)] text-[oklch(0.5_0.16_300)]">
        <ShieldCheckIcon className="size-3.5" />
      </span>
      <div className="min-w-0">
        <div className="truncate text-[13px] font-semibold">{localized(node.data.name, locale)}</div>
        <div className="truncate text-[11px] text-muted-foreground">{t("approvedBy", { approver })}</div>
      </div>
      <DiagnosticBadge diagnostics={diagnostics} className="absolute -right-2 -top-2" />
      <FeedbackBadge stageKey={node.data.key} />
      <Handle type="source" position={Position.Right} className={handleClass} />
    </div>
  );
}

export const nodeTypes = {
  stage: memo(StageNodeView),
  won: memo(ClosingNodeView),
  lost: memo(ClosingNodeView),
  decision: memo(DecisionNodeView),
  approval: memo(ApprovalNodeView),
};
