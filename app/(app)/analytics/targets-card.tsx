"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Loader2Icon, PencilIcon, PlusIcon, Trash2Icon } from "lucide-react";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { periodStartOf, targetPeriod, type TargetMetric, type TargetPeriod } from "@/lib/analytics/targets";
import { localized, localName } from "@/lib/i18n/localized";
import type { Role } from "@/lib/roles";
import type { AppRouter } from "@/lib/server/api/root";
import { errorMessage, useTRPC } from "@/lib/trpc/client";
import { Badge } from "@/lib/ui/badge";
import { Button } from "@/lib/ui/button";
import { cn } from "@/lib/ui/cn";
import { Dialog, DialogContent, DialogFormActions, DialogHeader, DialogTitle } from "@/lib/ui/dialog";
import { Field } from "@/lib/ui/field";
import { Input } from "@/lib/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/lib/ui/select";
import type { inferRouterOutputs } from "@trpc/server";
import { useFigures } from "./format";
import { Section } from "./section";

type Target = inferRouterOutputs<AppRouter>["targets"]["list"][number];
type Options = inferRouterOutputs<AppRouter>["analytics"]["options"];

const PACE_VARIANT = { onTrack: "success", atRisk: "warning", behind: "destructive" } as const;
const BAR = { onTrack: "bg-success", atRisk: "bg-warning", behind: "bg-destructive" } as const;

/**
 * This month's and this quarter's targets with attainment and pace (docs/analytics.md, Targets);
 * managers and admins set, change and remove them here. `compact` (the home page): read only,
 * and nothing at all while there are none.
 */
export function TargetsCard({
  role,
  pipelineId,
  stages,
  stageName: stageNameOf,
  options,
  compact,
}: {
  role: Role;
  pipelineId?: string;
  /** The funnel's steps and side stages, for targets that name a stage. */
  stages?: string[];
  stageName?: (key: string) => string;
  options?: Options;
  compact?: boolean;
}) {
  const t = useTranslations("analytics");
  const locale = useLocale();
  const f = useFigures();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const stageName = stageNameOf ?? ((key: string) => key);
  const list = useQuery(trpc.targets.list.queryOptions(pipelineId ? { pipelineId } : undefined));
  const remove = useMutation(trpc.targets.delete.mutationOptions());
  const [editing, setEditing] = useState<Target | "new" | null>(null);
  const mayEdit = !compact && (role === "admin" || role === "manager");
  const rows = list.data ?? [];
  if (compact && rows.length === 0) return null;

  const who = (x: Target) =>
    x.scope === "company"
      ? t("targets.companyName")
      : x.scope === "team"
        ? localName({ name: x.teamName, nameEn: x.teamNameEn }, locale)
        : (x.userName ?? "");
  const label = (key: string | null, name: Target["toStageName"]) =>
    name ? localized(name, locale) : key ? stageName(key) : "";
  const what = (x: Target) => {
    const name = t(`targets.metrics.${x.metric}`);
    if (x.metric === "conversion")
      return `${name} ${t("targets.conversionName", {
        from: label(x.fromStage, x.fromStageName),
        to: label(x.toStage, x.toStageName),
      })}`;
    if (x.metric === "newQualified")
      return `${name} (${t("targets.qualifiedName", { stage: label(x.toStage, x.toStageName) })})`;
    return name;
  };
  const value = (metric: TargetMetric, v: number) =>
    metric === "wonAmount" ? f.money(v) : metric === "conversion" ? f.percent(v) : f.number(v);
  const when = (x: Target) =>
    x.periodKind === "month"
      ? f.month(x.periodStart.slice(0, 7))
      : t("targets.thisPeriod", { kind: t("targets.kindQuarter") });

  return (
    <Section
      title={compact ? t("targets.mine") : t("targets.title")}
      hint={compact ? undefined : t("targets.hint")}
      help="targets"
      testId="targets"
    >
      {mayEdit ? (
        <div className="-mt-2 mb-3 flex justify-end print:hidden">
          <Button size="sm" onClick={() => setEditing("new")} data-testid="target-add">
            <PlusIcon />
            {t("targets.add")}
          </Button>
        </div>
      ) : null}
      {list.isLoading ? (
        <Loader2Icon className="mx-auto size-5 animate-spin text-muted-foreground" />
      ) : rows.length === 0 ? (
        <p className="text-sm text-muted-foreground">
          {role === "rep" ? t("targets.noneRep") : t("targets.none")}
        </p>
      ) : (
        <ul className="grid gap-3 md:grid-cols-2 2xl:grid-cols-3" data-testid="target-list">
          {rows.map((x) => (
            <li key={x.id} className="rounded-lg border p-3" data-testid="target">
              <div className="flex items-start justify-between gap-2">
                <div className="min-w-0">
                  <div className="truncate text-sm font-medium">{what(x)}</div>
                  <div className="truncate text-xs text-muted-foreground">
                    {who(x)} · {when(x)}
                  </div>
                </div>
                <Badge variant={PACE_VARIANT[x.pace]}>{t(`targets.pace.${x.pace}`)}</Badge>
              </div>
              <div className="mt-2 flex items-baseline justify-between gap-2 text-sm tabular-nums">
                <span className="font-semibold">{value(x.metric, x.actual)}</span>
                <span className="text-muted-foreground">
                  {t("targets.col.target")} {value(x.metric, x.value)}
                  {x.attainment !== null ? ` · ${f.percent(x.attainment)}` : ""}
                </span>
              </div>
              <div className="relative mt-1.5 h-2 rounded-full bg-muted" aria-hidden>
                <div
                  className={cn("h-2 rounded-full", BAR[x.pace])}
                  style={{ width: `${Math.min(100, (x.attainment ?? 0) * 100)}%` }}
                />
                {x.metric !== "conversion" ? (
                  // Where the figure should be by now.
                  <div
                    className="absolute -top-0.5 h-3 w-0.5 bg-foreground/60"
                    style={{ left: `${Math.min(100, x.elapsed * 100)}%` }}
                  />
                ) : null}
              </div>
              <div className="mt-1 flex items-center justify-between text-xs text-muted-foreground">
                <span>
                  {x.metric !== "conversion" ? t("targets.elapsed", { share: f.percent(x.elapsed) }) : null}
                </span>
                {x.canEdit && mayEdit ? (
                  <span className="flex gap-1 print:hidden">
                    <Button variant="ghost" size="sm" className="h-7 px-2" onClick={() => setEditing(x)}>
                      <PencilIcon />
                      <span className="sr-only">{t("targets.edit")}</span>
                    </Button>
                    <Button
                      variant="ghost"
                      size="sm"
                      className="h-7 px-2"
                      disabled={remove.isPending}
                      onClick={() =>
                        remove.mutate(
                          { targetId: x.id, expectedVersion: x.version },
                          {
                            onSuccess: () => {
                              toast.success(t("targets.removed"));
                              void queryClient.invalidateQueries({ queryKey: trpc.targets.list.queryKey() });
                            },
                            onError: (e) => toast.error(errorMessage(e)),
                          },
                        )
                      }
                    >
                      <Trash2Icon />
                      <span className="sr-only">{t("targets.remove")}</span>
                    </Button>
                  </span>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      )}
      {compact ? (
        <Link
          href="/analytics"
          className="mt-3 inline-block text-sm font-medium text-primary hover:underline"
        >
          {t("title")}
        </Link>
      ) : null}
      <Dialog open={editing !== null} onOpenChange={(open) => !open && setEditing(null)}>
        {editing ? (
          <TargetDialog
            key={editing === "new" ? "new" : editing.id}
            role={role}
            target={editing === "new" ? null : editing}
            pipelineId={pipelineId}
            stages={stages ?? []}
            stageName={stageName}
            options={options}
            onDone={() => setEditing(null)}
          />
        ) : null}
      </Dialog>
    </Section>
  );
}

function TargetDialog({
  role,
  target,
  pipelineId,
  stages,
  stageName,
  options,
  onDone,
}: {
  role: Role;
  target: Target | null;
  pipelineId?: string;
  stages: string[];
  stageName: (key: string) => string;
  options?: Options;
  onDone: () => void;
}) {
  const t = useTranslations("analytics");
  const tc = useTranslations("common");
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const save = useMutation(trpc.targets.set.mutationOptions());
  const now = new Date();
  const [scope, setScope] = useState<Target["scope"]>(
    target?.scope ?? (role === "admin" ? "company" : "team"),
  );
  const [teamId, setTeamId] = useState(target?.teamId ?? options?.teams[0]?.id ?? "");
  const [userId, setUserId] = useState(target?.userId ?? "");
  const [periodKind, setPeriodKind] = useState<TargetPeriod>(target?.periodKind ?? "month");
  const thisStart = periodStartOf(periodKind, now);
  const nextStart = periodStartOf(periodKind, targetPeriod(periodKind, thisStart).to);
  const [which, setWhich] = useState<"this" | "next">(
    target && target.periodStart !== periodStartOf(target.periodKind, now) ? "next" : "this",
  );
  const [metric, setMetric] = useState<TargetMetric>(target?.metric ?? "wonAmount");
  const qualifiedDefault = stages.includes("analysis") ? "analysis" : (stages[2] ?? stages[0] ?? "");
  const [fromStage, setFromStage] = useState(target?.fromStage ?? stages[0] ?? "");
  const [toStage, setToStage] = useState(target?.toStage ?? qualifiedDefault);
  const [value, setValue] = useState(
    target
      ? String(target.metric === "conversion" ? Math.round(target.value * 1000) / 10 : target.value)
      : "",
  );
  const [error, setError] = useState<string | null>(null);
  const kind = (k: TargetPeriod) => t(k === "month" ? "targets.kindMonth" : "targets.kindQuarter");
  const submit = () => {
    const n = Number(value);
    setError(null);
    save.mutate(
      {
        ...(target && { targetId: target.id, expectedVersion: target.version }),
        ...(pipelineId && { pipelineId }),
        scope,
        ...(scope === "team" && { teamId }),
        ...(scope === "rep" && { userId }),
        periodKind,
        periodStart: which === "this" ? thisStart : nextStart,
        metric,
        ...(metric === "conversion" && { fromStage }),
        ...((metric === "conversion" || metric === "newQualified") && { toStage }),
        value: metric === "conversion" ? n / 100 : n,
      },
      {
        onSuccess: () => {
          toast.success(t("targets.saved"));
          void queryClient.invalidateQueries({ queryKey: trpc.targets.list.queryKey() });
          onDone();
        },
        onError: (e) => setError(errorMessage(e)),
      },
    );
  };
  const stageSelect = (id: string, v: string, set: (v: string) => void) => (
    <Select value={v} onValueChange={set}>
      <SelectTrigger id={id}>
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        {stages.map((k) => (
          <SelectItem key={k} value={k}>
            {stageName(k)}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
  const valid =
    value !== "" &&
    Number.isFinite(Number(value)) &&
    Number(value) >= 0 &&
    (metric !== "conversion" || Number(value) <= 100) &&
    (scope !== "team" || teamId) &&
    (scope !== "rep" || userId);

  return (
    <DialogContent closeLabel={tc("close")} data-testid="target-dialog">
      <DialogHeader>
        <DialogTitle>{target ? t("targets.edit") : t("targets.add")}</DialogTitle>
      </DialogHeader>
      <form
        className="grid gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          if (valid) submit();
        }}
      >
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="target-scope" label={t("targets.scope")}>
            <Select value={scope} onValueChange={(v) => setScope(v as Target["scope"])}>
              <SelectTrigger id="target-scope">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                {(role === "admin" ? (["company", "team", "rep"] as const) : (["team", "rep"] as const)).map(
                  (s) => (
                    <SelectItem key={s} value={s}>
                      {t(`targets.scopes.${s}`)}
                    </SelectItem>
                  ),
                )}
              </SelectContent>
            </Select>
          </Field>
          {scope === "team" ? (
            <Field id="target-team" label={t("targets.team")}>
              <Select value={teamId} onValueChange={setTeamId}>
                <SelectTrigger id="target-team">
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  {(options?.teams ?? []).map((x) => (
                    <SelectItem key={x.id} value={x.id}>
                      {localName(x, locale)}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            </Field>
          ) : scope === "rep" ? (
            <Field id="target-rep" label={t("targets.rep")}>
              <Select value={userId} onValueChange={setUserId}>
                <SelectTrigger id="target-rep">
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  {(options?.people ?? []).map((p) => (
                    <SelectItem key={p.id} value={p.id}>
                      {p.name}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            </Field>
          ) : (
            <div />
          )}
          <Field id="target-period" label={t("targets.period")}>
            <Select value={periodKind} onValueChange={(v) => setPeriodKind(v as TargetPeriod)}>
              <SelectTrigger id="target-period">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value="month">{t("targets.periods.month")}</SelectItem>
                <SelectItem value="quarter">{t("targets.periods.quarter")}</SelectItem>
              </SelectContent>
            </Select>
          </Field>
          <Field id="target-which" label={<span className="sr-only">{t("targets.period")}</span>}>
            <Select value={which} onValueChange={(v) => setWhich(v as "this" | "next")}>
              <SelectTrigger id="target-which">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value="this">{t("targets.thisPeriod", { kind: kind(periodKind) })}</SelectItem>
                <SelectItem value="next">{t("targets.nextPeriod", { kind: kind(periodKind) })}</SelectItem>
              </SelectContent>
            </Select>
          </Field>
          <Field id="target-metric" label={t("targets.metric")}>
            <Select value={metric} onValueChange={(v) => setMetric(v as TargetMetric)}>
              <SelectTrigger id="target-metric">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                {(["wonAmount", "dealsWon", "newQualified", "conversion"] as const).map((m) => (
                  <SelectItem key={m} value={m}>
                    {t(`targets.metrics.${m}`)}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </Field>
          <Field
            id="target-value"
            label={metric === "conversion" ? t("targets.valueRate") : t("targets.value")}
          >
            <Input
              id="target-value"
              inputMode="decimal"
              value={value}
              onChange={(e) => setValue(e.target.value.trim())}
              aria-invalid={value !== "" && !valid}
            />
          </Field>
          {metric === "conversion" ? (
            <>
              <Field id="target-from" label={t("targets.fromStage")}>
                {stageSelect("target-from", fromStage, setFromStage)}
              </Field>
              <Field id="target-to" label={t("targets.toStageConversion")}>
                {stageSelect("target-to", toStage, setToStage)}
              </Field>
            </>
          ) : metric === "newQualified" ? (
            <Field id="target-to" label={t("targets.toStage")}>
              {stageSelect("target-to", toStage, setToStage)}
            </Field>
          ) : null}
        </div>
        <DialogFormActions
          error={error}
          busy={save.isPending}
          disabled={!valid}
          cancel={t("targets.cancel")}
          onCancel={onDone}
          submit={t("targets.save")}
          submitTestId="target-save"
        />
      </form>
    </DialogContent>
  );
}
