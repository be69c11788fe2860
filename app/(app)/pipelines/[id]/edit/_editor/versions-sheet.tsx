"use client";

import { useQuery } from "@tanstack/react-query";
import { GitCompareIcon, XIcon } from "lucide-react";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { Dialog as Primitive } from "radix-ui";
import { useState } from "react";
import { useTRPC } from "@/lib/trpc/client";
import { Badge } from "@/lib/ui/badge";
import { Button } from "@/lib/ui/button";
import { Checkbox } from "@/lib/ui/checkbox";
import { cn } from "@/lib/ui/cn";
import type { VersionSummary } from "./toolbar";

/** Every version of the pipeline: open one read-only, or tick two to compare them. */
export function VersionsSheet({
  open,
  onOpenChange,
  pipelineId,
  initial,
  currentId,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  pipelineId: string;
  initial: VersionSummary[];
  currentId: string;
}) {
  const t = useTranslations("editor.versions");
  const tc = useTranslations("editor");
  const tv = useTranslations("versions");
  const format = useFormatter();
  const trpc = useTRPC();
  const query = useQuery({ ...trpc.editor.pipeline.queryOptions({ pipelineId }), enabled: open });
  const versions = (query.data?.versions ?? initial) as VersionSummary[];
  const [picked, setPicked] = useState<string[]>([]);
  const toggle = (id: string) =>
    setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id].slice(-2)));
  const pair = picked
    .map((id) => versions.find((v) => v.id === id))
    .filter((v): v is VersionSummary => !!v)
    .sort((a, b) => a.number - b.number);
  const person = (p: VersionSummary["createdBy"] | VersionSummary["updatedBy"]) =>
    p == null ? "—" : typeof p === "string" ? p : p.name;
  return (
    <Primitive.Root open={open} onOpenChange={onOpenChange}>
      <Primitive.Portal>
        <Primitive.Overlay className="fixed inset-0 z-50 bg-black/30" />
        <Primitive.Content
          aria-describedby={undefined}
          data-testid="versions-sheet"
          className="fixed inset-y-0 right-0 z-50 flex w-[420px] max-w-[92vw] flex-col border-l bg-card shadow-xl"
        >
          <div className="flex h-14 items-center justify-between border-b px-4">
            <Primitive.Title className="text-sm font-semibold">{t("title")}</Primitive.Title>
            <Primitive.Close asChild>
              <Button variant="ghost" size="icon" className="size-8" aria-label={tc("close")}>
                <XIcon />
              </Button>
            </Primitive.Close>
          </div>
          <p className="border-b px-4 py-2 text-xs text-muted-foreground">{t("hint")}</p>
          <ol className="min-h-0 flex-1 overflow-y-auto">
            {versions.map((v) => {
              const when = v.publishedAt ?? v.updatedAt ?? v.createdAt;
              return (
                <li
                  key={v.id}
                  data-testid="version-row"
                  className={cn("flex gap-3 border-b px-4 py-3", v.id === currentId && "bg-primary/5")}
                >
                  <Checkbox
                    checked={picked.includes(v.id)}
                    onCheckedChange={() => toggle(v.id)}
                    aria-label={t("pick", { number: v.number })}
                    className="mt-0.5"
                  />
                  <div className="min-w-0 flex-1">
                    <div className="flex items-center gap-2">
                      <span className="text-sm font-semibold tabular-nums">v{v.number}</span>
                      <Badge
                        variant={
                          v.status === "draft"
                            ? "warning"
                            : v.status === "published"
                              ? "success"
                              : "secondary"
                        }
                      >
                        {tv(`status.${v.status}`)}
                      </Badge>
                      {v.id === currentId ? (
                        <span className="text-[11px] text-primary">{t("current")}</span>
                      ) : null}
                    </div>
                    <div className="mt-0.5 text-xs text-muted-foreground">
                      {person(v.updatedBy ?? v.createdBy)} ·{" "}
                      {when
                        ? format.dateTime(new Date(when), { dateStyle: "medium", timeStyle: "short" })
                        : "—"}
                    </div>
                    {v.changeNote ? <p className="mt-1 text-[13px] leading-snug">{v.changeNote}</p> : null}
                  </div>
                  <Button variant="outline" size="sm" asChild>
                    <Link
                      href={
                        v.status === "draft"
                          ? `/pipelines/${pipelineId}/edit`
                          : `/pipelines/${pipelineId}/edit?version=${v.id}`
                      }
                      onClick={() => onOpenChange(false)}
                    >
                      {t("open")}
                    </Link>
                  </Button>
                </li>
              );
            })}
          </ol>
          <div className="flex items-center justify-between gap-2 border-t px-4 py-3">
            <span className="text-xs text-muted-foreground">
              {pair.length === 2
                ? t("comparePair", { a: pair[0]!.number, b: pair[1]!.number })
                : t("pickTwo")}
            </span>
            <Button size="sm" disabled={pair.length !== 2} asChild={pair.length === 2} data-testid="compare">
              {pair.length === 2 ? (
                <Link
                  href={`/pipelines/${pipelineId}/edit?version=${pair[1]!.id}&compare=${pair[0]!.id}`}
                  onClick={() => onOpenChange(false)}
                >
                  <GitCompareIcon />
                  {t("compare")}
                </Link>
              ) : (
                <>
                  <GitCompareIcon />
                  {t("compare")}
                </>
              )}
            </Button>
          </div>
        </Primitive.Content>
      </Primitive.Portal>
    </Primitive.Root>
  );
}
