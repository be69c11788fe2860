import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { CheckCircle2Icon } from "lucide-react";
import { LanguageSwitcher } from "../_components/language-switcher";
import { Logo } from "../_components/logo";

export default async function AuthLayout({ children }: { children: ReactNode }) {
  const t = await getTranslations("app");
  const points = [t("point1"), t("point2"), t("point3")];
  return (
    <div className="grid min-h-screen lg:grid-cols-[1.1fr_1fr]">
      <aside className="relative hidden flex-col justify-between overflow-hidden bg-sidebar p-10 text-sidebar-foreground lg:flex">
        <div className="flex items-center gap-3">
          <Logo />
          <span className="text-lg font-semibold text-white">{t("name")}</span>
        </div>
        <div className="relative z-10 max-w-md">
          <h2 className="text-3xl font-semibold leading-tight text-white">{t("headline")}</h2>
          <p className="mt-4 text-sidebar-foreground/80">{t("tagline")}</p>
          <ul className="mt-8 space-y-3">
            {points.map((p) => (
              <li key={p} className="flex gap-3 text-sm">
                <CheckCircle2Icon className="mt-0.5 size-4 shrink-0 text-[oklch(0.75_0.13_200)]" />
                <span>{p}</span>
              </li>
            ))}
          </ul>
        </div>
        <p className="text-xs text-sidebar-foreground/60">{t("footer")}</p>
        <svg
          className="absolute -right-24 -bottom-24 size-[28rem] opacity-10"
          viewBox="0 0 100 100"
          aria-hidden
        >
          <path d="M5 20h90L65 50v25L35 90V50z" fill="white" />
        </svg>
      </aside>
      <main className="flex flex-col">
        <div className="flex items-center justify-between p-4 lg:justify-end">
          <div className="flex items-center gap-2 lg:hidden">
            <Logo className="size-7" />
            <span className="font-semibold">{t("name")}</span>
          </div>
          <LanguageSwitcher />
        </div>
        <div className="flex flex-1 items-center justify-center px-4 pb-16">
          <div className="w-full max-w-sm">{children}</div>
        </div>
      </main>
    </div>
  );
}
