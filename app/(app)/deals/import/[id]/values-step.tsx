"use client";

import { useQuery } from "@tanstack/react-query";
import {
  ArrowLeftIcon,
  ArrowRightIcon,
  CheckCheckIcon,
  CheckIcon,
  Loader2Icon,
  SparklesIcon,
} from "lucide-react";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useEffect } from "react";
import { localized } from "@/lib/i18n/localized";
import type { ImportMapping } from "@/lib/import/mapping";
import { useTRPC } from "@/lib/trpc/client";
import { Badge } from "@/lib/ui/badge";
import { Button } from "@/lib/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/lib/ui/card";
import { cn } from "@/lib/ui/cn";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/lib/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/lib/ui/table";
import type { Opened, Pending, ValueGroup } from "./types";

const EMPTY = "__empty";

/** Exact suggestions become mappings, near misses wait for a confirmation; choices already made stay. */
function seed(groups: ValueGroup[], mapping: ImportMapping, pending: Pending) {
  const values = { ...mapping.values };
  const waiting = { ...pending };
  let changed = false;
  for (const g of groups) {
    const mine = { ...values[g.target] };
    const near = { ...waiting[g.target] };
    for (const v of g.values) {
      if (v.key in mine || v.key in near || !v.suggestion) continue;
      changed = true;
      if (v.suggestion.confidence === "exact") mine[v.key] = v.suggestion.value;
      else near[v.key] = v.suggestion.value;
    }
    values[g.target] = mine;
    waiting[g.target] = near;
  }
  return changed ? { values, waiting } : null;
}

/** Step 2: what each value of the stage, owner and option columns stands for. */
export function ValuesStep({
  opened,
  mapping,
  onChange,
  pending,
  onPending,
  onBack,
  onNext,
}: {
  opened: Opened;
  mapping: ImportMapping;
  onChange: (m: ImportMapping) => void;
  pending: Pending;
  onPending: (p: Pending) => void;
  onBack: () => void;
  onNext: () => void;
}) {
  const t = useTranslations("imports.values");
  const trpc = useTRPC();
  const analyze = useQuery(
    trpc.imports.analyze.queryOptions(
      { importId: opened.import.id, columns: mapping.columns },
      { staleTime: Infinity },
    ),
  );
  const groups = analyze.data;

  useEffect(() => {
    if (!groups) return;
    const seeded = seed(groups, mapping, pending);
    if (!seeded) return;
    onChange({ ...mapping, values: seeded.values });
    onPending(seeded.waiting);
  }, [groups]); // eslint-disable-line react-hooks/exhaustive-deps -- seeds once per analysis

  const waiting = Object.values(pending).reduce((n, m) => n + Object.keys(m).length, 0);

  function choose(target: string, key: string, value: string | null) {
    onChange({
      ...mapping,
      values: { ...mapping.values, [target]: { ...mapping.values[target], [key]: value } },
    });
    if (pending[target] && key in pending[target]) {
      const { [key]: _done, ...rest } = pending[target];
      onPending({ ...pending, [target]: rest });
    }
  }

  function confirmAll() {
    const values = { ...mapping.values };
    for (const [target, near] of Object.entries(pending)) values[target] = { ...values[target], ...near };
    onChange({ ...mapping, values });
    onPending({});
  }

  return (
    <div className="grid gap-6">
      <Card>
        <CardHeader>
          <CardTitle>{t("title")}</CardTitle>
          <CardDescription>{t("hint")}</CardDescription>
        </CardHeader>
        <CardContent className="flex flex-wrap items-center justify-between gap-3">
          <p className="text-sm text-muted-foreground" data-testid="values-summary">
            {!groups
              ? t("loading")
              : groups.length === 0
                ? t("nothing")
                : waiting > 0
                  ? t("waiting", { count: waiting })
                  : t("allSet")}
          </p>
          {waiting > 0 ? (
            <Button variant="outline" onClick={confirmAll} data-testid="values-confirm-all">
              <CheckCheckIcon />
              {t("confirmAll", { count: waiting })}
            </Button>
          ) : null}
        </CardContent>
      </Card>

      {!groups ? (
        <div className="flex justify-center p-8">
          <Loader2Icon className="size-6 animate-spin text-muted-foreground" />
        </div>
      ) : (
        groups.map((g) => (
          <GroupCard
            key={g.target}
            opened={opened}
            group={g}
            chosen={mapping.values[g.target] ?? {}}
            near={pending[g.target] ?? {}}
            onChoose={(key, value) => choose(g.target, key, value)}
          />
        ))
      )}

      <div className="flex justify-between">
        <Button variant="outline" onClick={onBack}>
          <ArrowLeftIcon />
          {t("back")}
        </Button>
        <Button onClick={onNext} disabled={!groups} data-testid="values-next">
          {t("next")}
          <ArrowRightIcon />
        </Button>
      </div>
    </div>
  );
}

function GroupCard({
  opened,
  group,
  chosen,
  near,
  onChoose,
}: {
  opened: Opened;
  group: ValueGroup;
  chosen: Record<string, string | null>;
  near: Record<string, string>;
  onChoose: (key: string, value: string | null) => void;
}) {
  const t = useTranslations("imports.values");
  const locale = useLocale();
  const format = useFormatter();
  const target = opened.targets.find((x) => x.key === group.target);
  const kind = target?.kind === "stage" ? "stage" : target?.kind === "owner" ? "owner" : "field";
  const labelOf = (value: string) => {
    const c = group.candidates.find((x) => x.value === value);
    return c ? localized(c.label, locale) : value;
  };
  const unmapped = group.values.filter((v) => !(v.key in chosen) && !(v.key in near)).length;
  const waiting = group.values.filter((v) => !(v.key in chosen) && v.key in near).length;
  return (
    <Card data-testid="value-group" data-target={group.target}>
      <CardHeader>
        <CardTitle className="flex flex-wrap items-baseline gap-x-2">
          {target ? localized(target.label, locale) : group.target}
          <span className="text-sm font-normal text-muted-foreground">
            {t("fromColumn", { column: group.header })}
          </span>
        </CardTitle>
        <CardDescription>
          {[
            t("valueCount", { count: group.values.length }),
            waiting ? t("toConfirm", { count: waiting }) : null,
            unmapped ? t("notMapped", { count: unmapped }) : null,
            !waiting && !unmapped ? t("allMapped") : null,
          ]
            .filter(Boolean)
            .join(" · ")}
          {group.more ? ` ${t("more", { count: group.more })}` : ""}
        </CardDescription>
      </CardHeader>
      <CardContent className="px-0">
        <div className="overflow-x-auto">
          <Table className="min-w-[40rem] table-fixed">
            <TableHeader>
              <TableRow>
                <TableHead className="w-[30%] pl-6">{t("inFile")}</TableHead>
                <TableHead className="w-20 text-right">{t("rows")}</TableHead>
                <TableHead className="w-[22rem]">{t("means")}</TableHead>
                <TableHead className="pr-6">
                  <span className="sr-only">{t("state")}</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {group.values.map((v) => {
                const isChosen = v.key in chosen;
                const value = isChosen ? chosen[v.key] : near[v.key];
                const state = isChosen ? "mapped" : v.key in near ? "near" : "unmapped";
                return (
                  <TableRow key={v.key} data-testid="value-row" data-value={v.raw} data-state={state}>
                    <TableCell className="pl-6 font-medium break-all">{v.raw}</TableCell>
                    <TableCell className="text-right tabular-nums">{format.number(v.count)}</TableCell>
                    <TableCell>
                      <Select
                        // A suggestion is shown but not selected: choosing it (or another) maps it.
                        value={isChosen ? (value ?? EMPTY) : ""}
                        onValueChange={(x) => onChoose(v.key, x === EMPTY ? null : x)}
                      >
                        <SelectTrigger
                          className={cn(
                            "w-80 max-w-full [&>span]:truncate",
                            state === "near" && "border-warning bg-warning/10",
                          )}
                          aria-label={t("meansFor", { value: v.raw })}
                          data-testid="value-target"
                        >
                          <SelectValue placeholder={t("choose")}>
                            {value === undefined
                              ? undefined
                              : value === null
                                ? t(`empty.${kind}`)
                                : labelOf(value)}
                          </SelectValue>
                        </SelectTrigger>
                        <SelectContent>
                          <SelectItem value={EMPTY}>{t(`empty.${kind}`)}</SelectItem>
                          {group.candidates.map((c) => (
                            <SelectItem key={c.value} value={c.value}>
                              {localized(c.label, locale)}
                            </SelectItem>
                          ))}
                        </SelectContent>
                      </Select>
                    </TableCell>
                    <TableCell className="pr-6">
                      {state === "mapped" ? (
                        <Badge variant="success">
                          <CheckIcon className="size-3" />
                          {t("mapped")}
                        </Badge>
                      ) : state === "near" ? (
                        <div className="flex items-center gap-2">
                          <Badge variant="warning" title={t("nearHint")}>
                            <SparklesIcon className="size-3" />
                            {t("suggested")}
                          </Badge>
                          <Button
                            size="sm"
                            variant="outline"
                            onClick={() => onChoose(v.key, near[v.key]!)}
                            data-testid="value-confirm"
                          >
                            {t("confirm")}
                          </Button>
                        </div>
                      ) : (
                        <Badge variant="destructive">{t("unmapped")}</Badge>
                      )}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </div>
      </CardContent>
    </Card>
  );
}
