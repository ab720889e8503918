// Next.js config of the panel. The API URL is NOT baked in here (rewrites are frozen at build
// time): src/proxy.ts forwards /graphql — HTTP and WebSocket — to HOSTING_API_URL at run time,
// so one build serves any API, and the browser only ever talks to the panel's own origin.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * No script in the panel holds the API key (it is in an HttpOnly cookie, src/app/session), but a
 * script injected into it could still read what the pages show: the policy keeps such a script
 * from fetching or posting anywhere but the panel itself (connect-src, form-action), from loading
 * code from elsewhere, and the panel from being framed.
 * Inline scripts stay allowed: Next.js hydrates through them (nonces would force every page to
 * render per request). 'unsafe-eval' only for `next dev`'s hot reload.
 */
const contentSecurityPolicy = (dev) =>
  [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');

/** @type {(phase: string) => import('next').NextConfig} */
const nextConfig = (phase) => ({
  reactStrictMode: true,
  poweredByHeader: false,
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'Content-Security-Policy', value: contentSecurityPolicy(phase === 'phase-development-server') },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'no-referrer' },
        ],
      },
    ];
  },
  // The monorepo root: the generated documents import the SDK's schema types from ../schema.
  turbopack: { root: repoRoot },
  outputFileTracingRoot: repoRoot,
  // `next build` type-checks with web/tsconfig.json; lint runs from the repository root.
  typescript: { ignoreBuildErrors: false },
});

export default nextConfig;
