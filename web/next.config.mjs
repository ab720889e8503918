// Next.js config of the panel. The API URL is NOT baked in here (rewrites are frozen at build
// time): src/proxy.ts forwards /graphql — HTTP and WebSocket — to HOSTING_API_URL at run time,
// so one build serves any API, and the browser only ever talks to the panel's own origin.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The monorepo root: the generated documents import the SDK's schema types from ../schema.
  turbopack: { root: repoRoot },
  outputFileTracingRoot: repoRoot,
  // `next build` type-checks with web/tsconfig.json; lint runs from the repository root.
  typescript: { ignoreBuildErrors: false },
};

export default nextConfig;
