"use client";

import { CheckIcon, ClockIcon, InboxIcon, UserIcon, XIcon } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { useState } from "react";
import { localized } from "@/lib/i18n/localized";
import { Badge } from "@/lib/ui/badge";
import { Button } from "@/lib/ui/button";
import { Card } from "@/lib/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/lib/ui/table";
import { useApprovalsWaiting } from "../_components/notifications-approvals-count";
import { DecisionDialog, type Decision } from "./decision-dialog";
import { type ApprovalItem, useApprovalFormat } from "./use-approval-format";

/** The deals waiting at an approval the member may decide: a table on wide screens, cards on phones. */
export function ApprovalsInbox() {
  const t = useTranslations("approvals");
  const query = useApprovalsWaiting();
  const [deciding, setDeciding] = useState<{ item: ApprovalItem; decision: Decision } | null>(null);
  const decide = (item: ApprovalItem, decision: Decision) => setDeciding({ item, decision });

  if (query.isPending) return <InboxSkeleton />;
  const items = query.data ?? [];
  if (items.length === 0) return <InboxEmpty />;

  return (
    <>
      <p className="mb-3 text-sm font-medium text-muted-foreground" data-testid="approvals-count">
        {t("count", { count: items.length })}
      </p>
      <Card className="hidden overflow-hidden md:block">
        <Table data-testid="approvals-table">
          <TableHeader>
            <TableRow className="hover:bg-transparent">
              <TableHead className="pl-5">{t("deal")}</TableHead>
              <TableHead className="text-right">{t("amount")}</TableHead>
              <TableHead>{t("approval")}</TableHead>
              <TableHead className="hidden lg:table-cell">{t("owner")}</TableHead>
              <TableHead>{t("since")}</TableHead>
              <TableHead className="pr-5 text-right">{t("actions")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {items.map((item) => (
              <ApprovalRow key={item.id} item={item} onDecide={decide} />
            ))}
          </TableBody>
        </Table>
      </Card>
      <ul className="grid gap-3 md:hidden" data-testid="approvals-cards">
        {items.map((item) => (
          <ApprovalCard key={item.id} item={item} onDecide={decide} />
        ))}
      </ul>
      {deciding ? (
        <DecisionDialog item={deciding.item} decision={deciding.decision} onClose={() => setDeciding(null)} />
      ) : null}
    </>
  );
}

function DecisionButtons({
  item,
  onDecide,
  className,
}: {
  item: ApprovalItem;
  onDecide: (item: ApprovalItem, decision: Decision) => void;
  className?: string;
}) {
  const t = useTranslations("approvals");
  return (
    <div className={className}>
      <Button
        size="sm"
        variant="outline"
        className="text-destructive hover:bg-destructive/8 hover:text-destructive"
        onClick={() => onDecide(item, "reject")}
        data-testid="approval-reject"
      >
        <XIcon />
        {t("reject")}
      </Button>
      <Button size="sm" onClick={() => onDecide(item, "approve")} data-testid="approval-approve">
        <CheckIcon />
        {t("approve")}
      </Button>
    </div>
  );
}

function ApprovalRow({
  item,
  onDecide,
}: {
  item: ApprovalItem;
  onDecide: (item: ApprovalItem, decision: Decision) => void;
}) {
  const locale = useLocale();
  const { money, waited, since } = useApprovalFormat();
  return (
    <TableRow data-testid="approval-row" data-deal-id={item.id}>
      <TableCell className="max-w-72 py-3 pl-5">
        <Link
          href={`/deals/${item.id}`}
          className="block truncate font-medium text-foreground hover:text-primary hover:underline"
          data-testid="approval-deal"
        >
          {item.title}
        </Link>
        <span className="block truncate text-xs text-muted-foreground">
          {item.account}
          <span className="lg:hidden">{item.ownerName ? ` · ${item.ownerName}` : ""}</span>
        </span>
      </TableCell>
      <TableCell className="text-right font-medium whitespace-nowrap tabular-nums">{money(item)}</TableCell>
      <TableCell>
        <Badge variant="warning" data-testid="approval-name">
          {localized(item.approvalName, locale)}
        </Badge>
      </TableCell>
      <TableCell className="hidden whitespace-nowrap lg:table-cell">{item.ownerName ?? "—"}</TableCell>
      <TableCell className="whitespace-nowrap text-muted-foreground">
        <time dateTime={item.since.toISOString()} title={since(item)}>
          {waited(item)}
        </time>
      </TableCell>
      <TableCell className="pr-5">
        <DecisionButtons item={item} onDecide={onDecide} className="flex justify-end gap-2" />
      </TableCell>
    </TableRow>
  );
}

function ApprovalCard({
  item,
  onDecide,
}: {
  item: ApprovalItem;
  onDecide: (item: ApprovalItem, decision: Decision) => void;
}) {
  const t = useTranslations("approvals");
  const locale = useLocale();
  const { money, waited, since } = useApprovalFormat();
  return (
    <li>
      <Card className="p-4" data-testid="approval-card" data-deal-id={item.id}>
        <div className="flex items-start justify-between gap-3">
          <div className="min-w-0">
            <Link
              href={`/deals/${item.id}`}
              className="block font-medium leading-snug text-foreground hover:text-primary hover:underline"
            >
              {item.title}
            </Link>
            <p className="mt-0.5 truncate text-xs text-muted-foreground">{item.account}</p>
          </div>
          <span className="shrink-0 text-base font-semibold tabular-nums">{money(item)}</span>
        </div>
        <div className="mt-3 flex flex-wrap items-center gap-x-3 gap-y-1.5 text-xs text-muted-foreground">
          <Badge variant="warning">{localized(item.approvalName, locale)}</Badge>
          <span className="inline-flex items-center gap-1">
            <UserIcon className="size-3.5" aria-hidden />
            <span className="sr-only">{t("owner")}: </span>
            {item.ownerName ?? "—"}
          </span>
          <span className="inline-flex items-center gap-1">
            <ClockIcon className="size-3.5" aria-hidden />
            <time dateTime={item.since.toISOString()} title={since(item)}>
              {t("waiting", { time: waited(item, true) })}
            </time>
          </span>
        </div>
        <DecisionButtons
          item={item}
          onDecide={onDecide}
          className="mt-4 grid grid-cols-2 gap-2 border-t pt-3 [&>button]:h-9"
        />
      </Card>
    </li>
  );
}

function InboxEmpty() {
  const t = useTranslations("approvals");
  return (
    <Card className="flex flex-col items-center px-6 py-16 text-center" data-testid="approvals-empty">
      <span className="mb-4 flex size-14 items-center justify-center rounded-full bg-success/12 text-[oklch(0.42_0.12_155)]">
        <InboxIcon className="size-6" aria-hidden />
      </span>
      <h2 className="text-base font-semibold">{t("empty")}</h2>
      <p className="mt-1.5 max-w-sm text-sm text-muted-foreground">{t("emptyHint")}</p>
    </Card>
  );
}

function InboxSkeleton() {
  return (
    <Card className="grid gap-0 overflow-hidden" aria-busy>
      {[0, 1, 2].map((i) => (
        <div key={i} className="flex items-center gap-4 border-b px-5 py-4 last:border-0">
          <div className="grid flex-1 gap-2">
            <div className="h-4 w-1/3 animate-pulse rounded bg-muted" />
            <div className="h-3 w-1/5 animate-pulse rounded bg-muted" />
          </div>
          <div className="h-8 w-40 animate-pulse rounded bg-muted" />
        </div>
      ))}
    </Card>
  );
}
