import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/server/auth/session";
import type { Locale } from "@/lib/i18n/config";
import { SignUpForm } from "./sign-up-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth"))("signUp") };
}

export default async function SignUpPage() {
  if (await getSessionUser()) redirect("/");
  return <SignUpForm locale={(await getLocale()) as Locale} />;
}
