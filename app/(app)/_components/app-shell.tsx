"use client";

import { MenuIcon } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { localName } from "@/lib/i18n/localized";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState, type ReactNode } from "react";
import type { Role } from "@/lib/roles";
import { Button } from "@/lib/ui/button";
import { cn } from "@/lib/ui/cn";
import { Sheet, SheetContent, SheetTitle, SheetTrigger } from "@/lib/ui/sheet";
import { LanguageSwitcher } from "@/app/_components/language-switcher";
import { Logo } from "@/app/_components/logo";
import { CompanySwitcher } from "./company-switcher";
import { navFor } from "./nav";
import { ApprovalsNavCount } from "./notifications-approvals-count";
import { FeedbackNavCount } from "./feedback-nav-count";
import { NotificationsBell } from "./notifications-bell";
import { UserMenu } from "./user-menu";

type Company = { companyId: string; companyName: string; companyNameEn: string | null; role: Role };

function NavLinks({ role, onNavigate }: { role: Role; onNavigate?: () => void }) {
  const t = useTranslations("nav");
  const pathname = usePathname();
  return (
    <nav className="grid gap-1" aria-label={t("main")}>
      {navFor(role).map(({ href, key, icon: Icon, badge }) => {
        const active = href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
        return (
          <Link
            key={key}
            href={href}
            onClick={onNavigate}
            aria-current={active ? "page" : undefined}
            className={cn(
              "flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium text-sidebar-foreground/80 transition-colors hover:bg-sidebar-accent hover:text-white",
              active && "bg-sidebar-accent text-white",
            )}
          >
            <Icon className="size-4" />
            {t(key)}
            {badge === "approvals" ? <ApprovalsNavCount /> : null}
            {badge === "feedback" && (role === "admin" || role === "trainer") ? <FeedbackNavCount /> : null}
          </Link>
        );
      })}
    </nav>
  );
}

function Sidebar({
  companies,
  active,
  onNavigate,
}: {
  companies: Company[];
  active: Company;
  onNavigate?: () => void;
}) {
  const t = useTranslations("app");
  return (
    <div className="flex h-full flex-col gap-6 bg-sidebar p-4 text-sidebar-foreground">
      <div className="flex items-center gap-2.5 px-2 pt-1">
        <Logo className="size-7" />
        <span className="font-semibold text-white">{t("name")}</span>
      </div>
      <CompanySwitcher companies={companies} active={active} />
      <NavLinks role={active.role} onNavigate={onNavigate} />
    </div>
  );
}

export function AppShell({
  user,
  companies,
  active,
  children,
}: {
  user: { name: string; email: string };
  companies: Company[];
  active: Company;
  children: ReactNode;
}) {
  const t = useTranslations("nav");
  const locale = useLocale();
  const [open, setOpen] = useState(false);
  return (
    <div className="flex min-h-screen">
      <aside className="no-print hidden w-60 shrink-0 bg-sidebar lg:block">
        <div className="sticky top-0 h-screen">
          <Sidebar companies={companies} active={active} />
        </div>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="no-print sticky top-0 z-30 flex h-14 items-center gap-2 border-b bg-card/90 px-3 backdrop-blur sm:px-6">
          <Sheet open={open} onOpenChange={setOpen}>
            <SheetTrigger asChild>
              <Button variant="ghost" size="icon" className="lg:hidden" aria-label={t("open")}>
                <MenuIcon />
              </Button>
            </SheetTrigger>
            <SheetContent>
              <SheetTitle className="sr-only">{t("main")}</SheetTitle>
              <Sidebar companies={companies} active={active} onNavigate={() => setOpen(false)} />
            </SheetContent>
          </Sheet>
          <span className="truncate text-sm font-medium lg:hidden">
            {localName({ name: active.companyName, nameEn: active.companyNameEn }, locale)}
          </span>
          <div className="ml-auto flex items-center gap-1">
            <NotificationsBell showApprovals={active.role === "admin" || active.role === "manager"} />
            <LanguageSwitcher />
            <UserMenu user={user} role={active.role} />
          </div>
        </header>
        <main className="mx-auto w-full max-w-7xl flex-1 px-3 py-6 sm:px-6 lg:py-8">{children}</main>
      </div>
    </div>
  );
}
