"use client";

import { InboxIcon, UserRoundIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { cn } from "@/lib/ui/cn";
import { FeedbackInbox } from "./inbox";
import { MyFeedback } from "./mine";
import { parseView } from "./url-state";

/** Inbox and "my feedback" as two tabs (kept in the URL); members who do not read the inbox see only their own. */
export function FeedbackView({ canReadInbox, canTriage }: { canReadInbox: boolean; canTriage: boolean }) {
  const t = useTranslations("feedback");
  const params = useSearchParams();
  const { tab } = parseView(new URLSearchParams(params.toString()), canReadInbox);
  if (!canReadInbox) return <MyFeedback />;
  const item = (value: "inbox" | "mine", href: string, Icon: typeof InboxIcon) => (
    <Link
      href={href}
      role="tab"
      aria-selected={tab === value}
      data-testid={`feedback-view-${value}`}
      className={cn(
        "inline-flex h-8 items-center gap-1.5 rounded-md px-3 text-sm font-medium transition-colors",
        tab === value
          ? "bg-background text-foreground shadow-sm"
          : "text-muted-foreground hover:text-foreground",
      )}
    >
      <Icon className="size-4" aria-hidden />
      {t(`tabs.${value}`)}
    </Link>
  );
  return (
    <div className="grid min-w-0 grid-cols-1 gap-5">
      <nav role="tablist" className="inline-flex h-9 w-fit items-center gap-0.5 rounded-lg bg-muted p-0.5">
        {item("inbox", "/feedback", InboxIcon)}
        {item("mine", "/feedback?tab=mine", UserRoundIcon)}
      </nav>
      {tab === "inbox" ? <FeedbackInbox canTriage={canTriage} /> : <MyFeedback />}
    </div>
  );
}
