"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import type { inferRouterOutputs } from "@trpc/server";
import {
  ArrowLeftIcon,
  BanIcon,
  CheckCircle2Icon,
  ClockIcon,
  FastForwardIcon,
  GraduationCapIcon,
  PencilIcon,
  PlayIcon,
  SparklesIcon,
  TimerIcon,
} from "lucide-react";
import Link from "next/link";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useId, useMemo, useState } from "react";
import { toast } from "sonner";
import { localized } from "@/lib/i18n/localized";
import type { AppRouter } from "@/lib/server/api/root";
import { errorMessage, useTRPC, useTRPCClient } from "@/lib/trpc/client";
import { Badge } from "@/lib/ui/badge";
import { Button } from "@/lib/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/lib/ui/card";
import { Checkbox } from "@/lib/ui/checkbox";
import { cn } from "@/lib/ui/cn";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/lib/ui/dialog";
import { Field } from "@/lib/ui/field";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/lib/ui/select";
import { isSet } from "@/workflows/rules/values";
import { VersionBadge } from "../../_components/version-badge";
import { FieldInput, fromDraft, toDraft, type DraftValue } from "../../deals/[id]/field-input";

type Practice = inferRouterOutputs<AppRouter>["practice"]["get"];
type Action = Practice["actions"][number];
type Text = { zh: string; en: string };

const SKIP_DAYS = [1, 3, 7, 14, 30];

/** A practice deal's page: like a real deal's, with a practice clock and nothing sent anywhere. */
export function PracticeDealView({ initial }: { initial: Practice }) {
  const t = useTranslations("practice");
  const locale = useLocale();
  const format = useFormatter();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const query = useQuery({ ...trpc.practice.get.queryOptions({ id: initial.id }), initialData: initial });
  const deal = query.data;
  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: trpc.practice.get.queryKey({ id: deal.id }) });
  const name = (text: Text | undefined, fallback = "") => (text ? localized(text, locale) : fallback);
  const def = deal.definition;
  const stageNode = def.nodes.find((n) => n.data.key === deal.stage);
  const stage = stageNode?.data.kind === "stage" ? stageNode.data : null;
  const fieldsByKey = useMemo(() => new Map(def.fields.map((f) => [f.key, f])), [def.fields]);
  const stageName = (key: string | null | undefined) =>
    name(def.nodes.find((n) => n.data.key === key)?.data.name, key ?? "");
  const [acting, setActing] = useState<Action | null>(null);
  const [checked, setChecked] = useState<string[]>(deal.checked);
  const [skip, setSkip] = useState("7");

  const run = useMutation({
    mutationFn: (input: { action: string; changes?: Record<string, unknown>; checked?: string[] }) =>
      client.practice.act.mutate({
        id: deal.id,
        expectedVersion: deal.version,
        action: input.action,
        changes: input.changes as never,
        checked: input.checked,
      }),
    onSuccess: () => {
      setActing(null);
      void refresh();
    },
    onError: (e) => {
      toast.error(errorMessage(e));
      void refresh();
    },
  });
  const skipAhead = useMutation({
    mutationFn: () =>
      client.practice.skipAhead.mutate({ id: deal.id, expectedVersion: deal.version, days: Number(skip) }),
    onSuccess: () => void refresh(),
    onError: (e) => toast.error(errorMessage(e)),
  });

  // Stages in the order the process draws them, won and lost last.
  const path = def.nodes
    .filter((n) => n.data.kind === "stage")
    .sort((a, b) => {
      const rank = (n: typeof a) =>
        n.data.kind === "stage" ? { open: 0, won: 1, lost: 2 }[n.data.outcome] : 0;
      return rank(a) - rank(b) || a.position.x - b.position.x || a.position.y - b.position.y;
    });
  const closed = stage ? stage.outcome !== "open" : false;
  const due = deal.timeLimit ? new Date(deal.timeLimit.due) : null;
  const overdue = due ? due.getTime() < new Date(deal.clock).getTime() : false;

  return (
    <div data-testid="practice-deal" data-stage={deal.stage}>
      <Link
        href="/practice"
        className="mb-3 inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
      >
        <ArrowLeftIcon className="size-4" />
        {t("back")}
      </Link>
      <div className="mb-4 flex items-start gap-3 rounded-lg border border-warning/40 bg-warning/10 px-4 py-2.5 text-sm">
        <GraduationCapIcon className="mt-0.5 size-4 shrink-0 text-[oklch(0.5_0.1_70)]" />
        <p>{t("sandboxShort")}</p>
      </div>
      <div className="mb-5 flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <div>
          <h1 className="text-xl font-semibold tracking-tight sm:text-2xl" data-testid="practice-title">
            {deal.title}
          </h1>
          <div className="mt-1 flex flex-wrap items-center gap-2 text-sm text-muted-foreground">
            <span>{name(deal.pipelineVersion.pipelineName)}</span>
            <VersionBadge number={deal.pipelineVersion.number} status={deal.pipelineVersion.status} />
            {deal.pipelineVersion.status === "draft" ? <Badge variant="warning">{t("draft")}</Badge> : null}
            <span className="inline-flex items-center gap-1" data-testid="practice-clock">
              <ClockIcon className="size-3.5" />
              {t("clock", {
                date: format.dateTime(new Date(deal.clock), { dateStyle: "medium" }),
                days: deal.skippedDays,
              })}
            </span>
          </div>
        </div>
        <div className="flex items-center gap-2">
          <Select value={skip} onValueChange={setSkip}>
            <SelectTrigger
              className="w-32 bg-card"
              aria-label={t("skip.days")}
              data-testid="practice-skip-days"
            >
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              {SKIP_DAYS.map((d) => (
                <SelectItem key={d} value={String(d)}>
                  {t("skip.option", { days: d })}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
          <Button
            variant="outline"
            disabled={skipAhead.isPending || closed}
            onClick={() => skipAhead.mutate()}
            data-testid="practice-skip"
          >
            <FastForwardIcon />
            {t("skip.go")}
          </Button>
        </div>
      </div>

      <ol className="mb-6 flex flex-wrap gap-1.5" aria-label={t("path")}>
        {path.map((n) => {
          const current = n.data.key === deal.stage;
          const outcome = n.data.kind === "stage" ? n.data.outcome : "open";
          return (
            <li
              key={n.id}
              aria-current={current ? "step" : undefined}
              className={cn(
                "rounded-full border px-3 py-1 text-xs",
                current && outcome === "open" && "border-primary bg-primary text-primary-foreground",
                current && outcome === "won" && "border-success bg-success text-white",
                current && outcome === "lost" && "border-destructive bg-destructive text-white",
                !current && "bg-card text-muted-foreground",
              )}
            >
              {name(n.data.name)}
            </li>
          );
        })}
      </ol>

      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="grid min-w-0 gap-6">
          <Card>
            <CardHeader>
              <CardTitle className="flex flex-wrap items-center gap-2">
                {stageName(deal.stage)}
                {stage ? (
                  <Badge variant="secondary">{t("probability", { value: stage.probability })}</Badge>
                ) : null}
                {due ? (
                  <Badge variant={overdue ? "destructive" : "outline"} data-testid="practice-due">
                    <TimerIcon className="size-3" />
                    {overdue
                      ? t("overdue", { date: format.dateTime(due, { dateStyle: "medium" }) })
                      : t("due", { date: format.dateTime(due, { dateStyle: "medium" }) })}
                  </Badge>
                ) : null}
              </CardTitle>
              {stage?.guidance ? (
                <CardDescription className="whitespace-pre-line">{name(stage.guidance)}</CardDescription>
              ) : null}
            </CardHeader>
            <CardContent className="grid gap-5">
              {stage && stage.exitChecklist.length ? (
                <div>
                  <div className="mb-2 text-xs font-medium text-muted-foreground">{t("checklist")}</div>
                  <ul className="grid gap-2">
                    {stage.exitChecklist.map((item) => {
                      const id = `check-${item.id}`;
                      return (
                        <li key={item.id} className="flex items-center gap-2 text-sm">
                          <Checkbox
                            id={id}
                            checked={checked.includes(item.id)}
                            disabled={deal.checked.includes(item.id)}
                            onCheckedChange={(on) =>
                              setChecked((c) =>
                                on ? [...new Set([...c, item.id])] : c.filter((x) => x !== item.id),
                              )
                            }
                          />
                          <label htmlFor={id}>{name(item.label)}</label>
                        </li>
                      );
                    })}
                  </ul>
                </div>
              ) : null}
              <div>
                <div className="mb-2 text-xs font-medium text-muted-foreground">{t("actions")}</div>
                {deal.actions.length === 0 ? (
                  <p className="text-sm text-muted-foreground">{closed ? t("closed") : t("noActions")}</p>
                ) : (
                  <ul className="grid gap-2" data-testid="practice-actions">
                    {deal.actions.map((a) => {
                      const fixable = a.reasons.every(
                        (r) => r.kind === "missingField" || r.kind === "checklist",
                      );
                      return (
                        <li
                          key={a.key}
                          className="rounded-md border bg-card px-3 py-2"
                          data-testid="practice-action"
                          data-action={a.key}
                          data-enabled={a.enabled}
                        >
                          <div className="flex items-center justify-between gap-3">
                            <span className="text-sm font-medium">{name(a.name)}</span>
                            <Button
                              size="sm"
                              variant={a.enabled ? "default" : "outline"}
                              disabled={run.isPending || (!a.enabled && !fixable)}
                              onClick={() =>
                                a.enabled && a.missingFields.length === 0
                                  ? run.mutate({ action: a.key, checked })
                                  : setActing(a)
                              }
                            >
                              <PlayIcon />
                              {a.enabled ? t("run") : t("fillAndRun")}
                            </Button>
                          </div>
                          {a.reasons.length ? (
                            <ul
                              className="mt-1.5 grid gap-0.5 text-xs text-muted-foreground"
                              data-testid="practice-reasons"
                            >
                              {a.reasons.map((r, i) => (
                                <li key={i} className="flex items-start gap-1.5">
                                  <BanIcon className="mt-0.5 size-3 shrink-0 text-destructive" />
                                  {name(r.message)}
                                </li>
                              ))}
                            </ul>
                          ) : null}
                        </li>
                      );
                    })}
                  </ul>
                )}
              </div>
            </CardContent>
          </Card>
          <FieldsCard deal={deal} onSaved={refresh} />
        </div>
        <History deal={deal} stageName={stageName} />
      </div>
      {acting ? (
        <ActionDialog
          action={acting}
          deal={deal}
          checked={checked}
          fieldsByKey={fieldsByKey}
          pending={run.isPending}
          onClose={() => setActing(null)}
          onRun={(changes, ticks) => run.mutate({ action: acting.key, changes, checked: ticks })}
        />
      ) : null}
    </div>
  );
}

type FieldDefs = Practice["definition"]["fields"];

function ActionDialog({
  action,
  deal,
  checked,
  fieldsByKey,
  pending,
  onClose,
  onRun,
}: {
  action: Action;
  deal: Practice;
  checked: string[];
  fieldsByKey: Map<string, FieldDefs[number]>;
  pending: boolean;
  onClose: () => void;
  onRun: (changes: Record<string, unknown>, checked: string[]) => void;
}) {
  const t = useTranslations("practice");
  const tc = useTranslations("common");
  const locale = useLocale();
  const id = useId();
  const fields = action.missingFields
    .map((k) => fieldsByKey.get(k))
    .filter((f): f is FieldDefs[number] => !!f);
  const [drafts, setDrafts] = useState<Record<string, DraftValue>>({});
  const [ticks, setTicks] = useState<string[]>([...new Set([...checked, ...deal.checked])]);
  const stageNode = deal.definition.nodes.find((n) => n.data.key === deal.stage);
  const items = stageNode?.data.kind === "stage" ? stageNode.data.exitChecklist : [];
  const missingItems = items.filter((i) => action.missingChecklist.includes(i.id));
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent closeLabel={tc("close")} data-testid="practice-action-dialog">
        <DialogHeader>
          <DialogTitle>{localized(action.name, locale)}</DialogTitle>
          <DialogDescription>{t("dialog.description")}</DialogDescription>
        </DialogHeader>
        <form
          className="grid gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            const changes: Record<string, unknown> = {};
            for (const f of fields) {
              const value = fromDraft(f as never, drafts[f.key]);
              if (isSet(value as never)) changes[f.key] = value;
            }
            onRun(changes, ticks);
          }}
        >
          {fields.map((f) => (
            <Field key={f.key} id={`${id}-${f.key}`} label={localized(f.name, locale)}>
              <FieldInput
                id={`${id}-${f.key}`}
                field={f as never}
                value={drafts[f.key] ?? toDraft(f as never, deal.values[f.key])}
                invalid={false}
                onChange={(v) => setDrafts((d) => ({ ...d, [f.key]: v }))}
              />
            </Field>
          ))}
          {missingItems.length ? (
            <ul className="grid gap-2">
              {missingItems.map((item) => (
                <li key={item.id} className="flex items-center gap-2 text-sm">
                  <Checkbox
                    id={`${id}-${item.id}`}
                    checked={ticks.includes(item.id)}
                    onCheckedChange={(on) =>
                      setTicks((c) => (on ? [...new Set([...c, item.id])] : c.filter((x) => x !== item.id)))
                    }
                  />
                  <label htmlFor={`${id}-${item.id}`}>{localized(item.label, locale)}</label>
                </li>
              ))}
            </ul>
          ) : null}
          <DialogFooter>
            <Button type="submit" disabled={pending} data-testid="practice-action-submit">
              <PlayIcon />
              {t("run")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

function FieldsCard({ deal, onSaved }: { deal: Practice; onSaved: () => void }) {
  const t = useTranslations("practice");
  const locale = useLocale();
  const client = useTRPCClient();
  const id = useId();
  const [drafts, setDrafts] = useState<Record<string, DraftValue>>({});
  const fields = deal.definition.fields;
  const dirty = Object.keys(drafts).length > 0;
  const save = useMutation({
    mutationFn: () =>
      client.practice.edit.mutate({
        id: deal.id,
        expectedVersion: deal.version,
        changes: Object.fromEntries(
          Object.entries(drafts).map(([k, v]) => [
            k,
            fromDraft(fields.find((f) => f.key === k)! as never, v),
          ]),
        ) as never,
      }),
    onSuccess: () => {
      setDrafts({});
      onSaved();
    },
    onError: (e) => {
      const issues =
        e instanceof TRPCClientError
          ? (e.data as { details?: { issues?: { message: Text }[] } } | undefined)?.details?.issues
          : undefined;
      toast.error(
        issues?.length ? issues.map((i) => localized(i.message, locale)).join(" ") : errorMessage(e),
      );
    },
  });
  return (
    <Card>
      <CardHeader className="flex-row items-center justify-between">
        <div>
          <CardTitle>{t("fields")}</CardTitle>
          <CardDescription>{t("fieldsHint")}</CardDescription>
        </div>
        <Button
          size="sm"
          disabled={!dirty || save.isPending}
          onClick={() => save.mutate()}
          data-testid="practice-save"
        >
          <PencilIcon />
          {t("save")}
        </Button>
      </CardHeader>
      <CardContent className="grid gap-4 sm:grid-cols-2" data-testid="practice-fields">
        {fields.map((f) => (
          <Field key={f.key} id={`${id}-${f.key}`} label={localized(f.name, locale)}>
            <FieldInput
              id={`${id}-${f.key}`}
              field={f as never}
              value={f.key in drafts ? drafts[f.key] : toDraft(f as never, deal.values[f.key])}
              invalid={false}
              onChange={(v) => setDrafts((d) => ({ ...d, [f.key]: v }))}
            />
          </Field>
        ))}
      </CardContent>
    </Card>
  );
}

const ICONS = {
  created: SparklesIcon,
  action: CheckCircle2Icon,
  refused: BanIcon,
  timeLimit: TimerIcon,
  skip: FastForwardIcon,
  edit: PencilIcon,
} as const;

function History({
  deal,
  stageName,
}: {
  deal: Practice;
  stageName: (key: string | null | undefined) => string;
}) {
  const t = useTranslations("practice");
  const locale = useLocale();
  const format = useFormatter();
  const fieldName = (key: string) =>
    localized(deal.definition.fields.find((f) => f.key === key)?.name ?? { zh: key, en: key }, locale);
  const actionName = (key: string | undefined) => {
    if (!key) return "";
    if (key.startsWith("xstate.after.")) return t("history.timeLimit");
    const edge = deal.definition.edges.find((e) => e.action?.key === key);
    return edge?.action ? localized(edge.action.name, locale) : t(`history.approval.${key}` as never);
  };
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("history.title")}</CardTitle>
      </CardHeader>
      <CardContent>
        <ol className="grid gap-4" data-testid="practice-history">
          {deal.history.map((e, i) => {
            const Icon = ICONS[e.kind];
            return (
              <li key={i} className="flex gap-3 text-sm" data-testid="practice-entry" data-kind={e.kind}>
                <Icon
                  className={cn(
                    "mt-0.5 size-4 shrink-0",
                    e.kind === "refused"
                      ? "text-destructive"
                      : e.kind === "timeLimit"
                        ? "text-[oklch(0.6_0.13_60)]"
                        : "text-muted-foreground",
                  )}
                />
                <div className="min-w-0">
                  <div className="font-medium">
                    {e.kind === "created"
                      ? t("history.created", { stage: stageName(e.to) })
                      : e.kind === "skip"
                        ? t("history.skip", { days: e.days ?? 0 })
                        : e.kind === "edit"
                          ? t("history.edit")
                          : e.kind === "refused"
                            ? t("history.refused", { action: actionName(e.action) })
                            : e.from !== e.to
                              ? t("history.moved", {
                                  action: actionName(e.action),
                                  from: stageName(e.from),
                                  to: stageName(e.to),
                                })
                              : actionName(e.action)}
                  </div>
                  <div className="text-xs text-muted-foreground">
                    {format.dateTime(new Date(e.at), { dateStyle: "medium", timeStyle: "short" })}
                  </div>
                  {e.changes && Object.keys(e.changes).length ? (
                    <div className="mt-1 text-xs text-muted-foreground">
                      {Object.keys(e.changes)
                        .map(fieldName)
                        .join(locale === "zh-CN" ? "、" : ", ")}
                    </div>
                  ) : null}
                  {e.notes?.length ? (
                    <ul className="mt-1 grid gap-0.5 text-xs">
                      {e.notes.map((n, j) => (
                        <li
                          key={j}
                          className={e.kind === "refused" ? "text-destructive" : "text-muted-foreground"}
                        >
                          {localized(n, locale)}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ol>
      </CardContent>
    </Card>
  );
}
