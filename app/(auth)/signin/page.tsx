import { eq } from "drizzle-orm";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/server/auth/session";
import { getDb } from "@/lib/server/db";
import { users } from "@/lib/server/db/schema";
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD } from "@/lib/server/seed/demo-accounts";
import { SignInForm } from "./sign-in-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth"))("signIn") };
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string }>;
}) {
  if (await getSessionUser()) redirect("/");
  const { callbackUrl } = await searchParams;
  // Newcomers trying the demo see its accounts; a company that removed them does not.
  const [demo] = await getDb().select({ id: users.id }).from(users).where(eq(users.email, DEMO_ADMIN_EMAIL));
  return (
    <SignInForm
      callbackUrl={callbackUrl?.startsWith("/") && !callbackUrl.startsWith("//") ? callbackUrl : "/"}
      demo={demo ? { email: DEMO_ADMIN_EMAIL, password: DEMO_PASSWORD } : null}
    />
  );
}
