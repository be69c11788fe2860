import { z } from "zod";
import { API_KEY_SCOPES, createApiKey, listApiKeys, revokeApiKey } from "@/lib/server/api-v1/keys";
import { adminProcedure, createTRPCRouter } from "../trpc";

/** Keys for the public REST API (/api/v1): admins create, list and revoke them. */
export const apiKeysRouter = createTRPCRouter({
  list: adminProcedure.query(({ ctx }) => listApiKeys(ctx.db, ctx.company.id)),
  /** The token comes back this once; only its hash is stored. */
  create: adminProcedure
    .input(z.object({ name: z.string().trim().min(1).max(80), scope: z.enum(API_KEY_SCOPES) }))
    .mutation(({ ctx, input }) => createApiKey(ctx.db, ctx.company.id, ctx.userId, input)),
  revoke: adminProcedure
    .input(z.object({ keyId: z.uuid() }))
    .mutation(({ ctx, input }) => revokeApiKey(ctx.db, ctx.company.id, ctx.userId, input.keyId)),
});
