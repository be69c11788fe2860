import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { eq } from "drizzle-orm";
import { env } from "@/lib/env";
import { getDb } from "@/lib/server/db";
import { users } from "@/lib/server/db/schema";
import { authenticate } from "./authenticate";
import { clientIp } from "./client-ip";

/** next-auth v4: e-mail + password, JWT sessions carrying the user id and language. */
export const authOptions: NextAuthOptions = {
  secret: env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: 30 * 24 * 3600 },
  pages: { signIn: "/signin", error: "/signin" },
  providers: [
    CredentialsProvider({
      name: "credentials",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials, req) {
        if (!credentials?.email || !credentials.password) throw new Error("invalid");
        const result = await authenticate(getDb(), {
          email: credentials.email,
          password: credentials.password,
          ip: clientIp(req?.headers),
        });
        // The code travels to the sign-in form, which shows it in the user's language.
        if (!result.ok) throw new Error(result.code);
        return { id: result.user.id, email: result.user.email, name: result.user.name };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user, trigger }) {
      if (user) token.uid = user.id;
      if ((user || trigger === "update") && token.uid) {
        const [row] = await getDb()
          .select({ locale: users.locale, name: users.name })
          .from(users)
          .where(eq(users.id, token.uid));
        token.locale = row?.locale ?? null;
        if (row) token.name = row.name;
      }
      return token;
    },
    async session({ session, token }) {
      if (token.uid) session.user = { ...session.user, id: token.uid, locale: token.locale ?? null };
      return session;
    },
  },
};
