import { eq } from "drizzle-orm";
import type { Db } from "@/lib/server/db/client";
import { companies, memberships, users } from "@/lib/server/db/schema";
import { hashPassword } from "@/lib/server/auth/password";
import { appError } from "@/lib/server/errors";
import type { SignUpInput } from "@/lib/validation/auth";

/** Creates a company and its first user, who becomes its admin. */
export async function signUp(db: Db, input: SignUpInput): Promise<{ userId: string; companyId: string }> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email));
    if (existing) throw appError("CONFLICT", "emailTaken");
    const [company] = await tx
      .insert(companies)
      .values({ name: input.companyName, defaultLocale: input.locale })
      .returning({ id: companies.id });
    const [user] = await tx
      .insert(users)
      .values({ email: input.email, name: input.name, passwordHash, locale: input.locale })
      .returning({ id: users.id });
    await tx.insert(memberships).values({ companyId: company!.id, userId: user!.id, role: "admin" });
    return { userId: user!.id, companyId: company!.id };
  });
}
