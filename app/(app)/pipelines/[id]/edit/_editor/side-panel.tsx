"use client";

import { CircleAlertIcon, TriangleAlertIcon } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { Tabs as TabsPrimitive } from "radix-ui";
import type { ReactNode } from "react";
import { localized } from "@/lib/i18n/localized";
import { cn } from "@/lib/ui/cn";
import type { LiveCheck } from "./live-check";

export type SideTab = "inspect" | "problems" | "rules" | "fields";

/** The right-hand panel: the selection's inspector, the problems list, rules & scoring, fields. */
export function SidePanel({
  tab,
  onTab,
  check,
  onFocus,
  children,
  rules,
  fields,
}: {
  tab: SideTab;
  onTab: (tab: SideTab) => void;
  check: LiveCheck;
  onFocus: (target: { nodeId?: string; edgeId?: string }) => void;
  children: ReactNode;
  rules?: ReactNode;
  fields?: ReactNode;
}) {
  const t = useTranslations("editor.panel");
  const count = check.diagnostics.length;
  const tabs: { value: SideTab; label: string; badge?: number }[] = [
    { value: "inspect", label: t("inspect") },
    { value: "problems", label: t("problems"), badge: count },
    ...(rules ? [{ value: "rules" as const, label: t("rules") }] : []),
    ...(fields ? [{ value: "fields" as const, label: t("fields") }] : []),
  ];
  return (
    <TabsPrimitive.Root
      value={tab}
      onValueChange={(v) => onTab(v as SideTab)}
      className={cn(
        "flex shrink-0 flex-col border-l bg-card transition-[width]",
        tab === "rules" || tab === "fields" ? "w-[560px]" : "w-[360px]",
      )}
    >
      <TabsPrimitive.List
        aria-label={t("label")}
        className="flex h-11 shrink-0 items-end gap-1 border-b px-3"
      >
        {tabs.map((x) => (
          <TabsPrimitive.Trigger
            key={x.value}
            value={x.value}
            data-testid={`tab-${x.value}`}
            className="relative -mb-px inline-flex h-9 items-center gap-1.5 whitespace-nowrap border-b-2 border-transparent px-2 text-[13px] font-medium text-muted-foreground hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring data-[state=active]:border-primary data-[state=active]:text-foreground"
          >
            {x.label}
            {x.badge ? (
              <span
                className={cn(
                  "rounded-full px-1.5 text-[10px] font-semibold tabular-nums leading-4",
                  check.errors ? "bg-destructive text-white" : "bg-warning/30 text-[oklch(0.45_0.1_70)]",
                )}
              >
                {x.badge}
              </span>
            ) : null}
          </TabsPrimitive.Trigger>
        ))}
      </TabsPrimitive.List>
      <TabsPrimitive.Content
        value="inspect"
        className="min-h-0 flex-1 overflow-y-auto focus-visible:outline-none"
      >
        {children}
      </TabsPrimitive.Content>
      <TabsPrimitive.Content
        value="problems"
        className="min-h-0 flex-1 overflow-y-auto focus-visible:outline-none"
      >
        <ProblemsList check={check} onFocus={onFocus} />
      </TabsPrimitive.Content>
      {rules ? (
        <TabsPrimitive.Content
          value="rules"
          className="min-h-0 flex-1 overflow-y-auto p-4 focus-visible:outline-none"
        >
          {rules}
        </TabsPrimitive.Content>
      ) : null}
      {fields ? (
        <TabsPrimitive.Content
          value="fields"
          className="min-h-0 flex-1 overflow-y-auto p-4 focus-visible:outline-none"
        >
          {fields}
        </TabsPrimitive.Content>
      ) : null}
    </TabsPrimitive.Root>
  );
}

function ProblemsList({
  check,
  onFocus,
}: {
  check: LiveCheck;
  onFocus: (target: { nodeId?: string; edgeId?: string }) => void;
}) {
  const t = useTranslations("editor.problems");
  const locale = useLocale();
  if (check.diagnostics.length === 0) {
    return <p className="p-6 text-center text-sm text-muted-foreground">{t("empty")}</p>;
  }
  return (
    <ul className="grid gap-1 p-2" data-testid="problems-list">
      {check.diagnostics.map((d, i) => {
        const target = d.edgeId ?? d.nodeId;
        return (
          <li key={i}>
            <button
              type="button"
              disabled={!target}
              onClick={() => onFocus({ nodeId: d.nodeId, edgeId: d.edgeId })}
              data-testid="problem"
              data-node={d.nodeId}
              data-edge={d.edgeId}
              className="flex w-full items-start gap-2.5 rounded-md px-2.5 py-2 text-left text-[13px] leading-snug hover:bg-muted focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring disabled:cursor-default disabled:hover:bg-transparent"
            >
              {d.severity === "error" ? (
                <CircleAlertIcon
                  className="mt-0.5 size-4 shrink-0 text-destructive"
                  aria-label={t("error")}
                />
              ) : (
                <TriangleAlertIcon
                  className="mt-0.5 size-4 shrink-0 text-warning"
                  aria-label={t("warning")}
                />
              )}
              <span className="min-w-0">
                <span className="block">{localized(d.message, locale)}</span>
                {target ? (
                  <span className="mt-0.5 block font-mono text-[11px] text-muted-foreground">{target}</span>
                ) : null}
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
