import { SquareKanbanIcon, ListIcon } from "lucide-react";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { cn } from "@/lib/ui/cn";

/** Switches the deals between the list and the board. */
export async function ViewSwitch({ current }: { current: "list" | "board" }) {
  const t = await getTranslations("board");
  const item = (view: "list" | "board", href: string, label: string, Icon: typeof ListIcon) => (
    <Link
      href={href}
      aria-current={current === view ? "page" : undefined}
      data-testid={`view-${view}`}
      className={cn(
        "inline-flex h-8 items-center gap-1.5 rounded-md px-3 text-sm font-medium transition-colors",
        current === view
          ? "bg-background text-foreground shadow-sm"
          : "text-muted-foreground hover:text-foreground",
      )}
    >
      <Icon className="size-4" />
      {label}
    </Link>
  );
  return (
    <nav aria-label={t("title")} className="inline-flex h-9 items-center gap-0.5 rounded-lg bg-muted p-0.5">
      {item("list", "/deals", t("viewList"), ListIcon)}
      {item("board", "/deals/board", t("viewBoard"), SquareKanbanIcon)}
    </nav>
  );
}
