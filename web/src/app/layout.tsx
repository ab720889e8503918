import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { SessionProvider } from '@/features/session/session-provider';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Hostplane', template: '%s · Hostplane' },
  description: 'Hostplane control panel',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <SessionProvider>{children}</SessionProvider>
      </body>
    </html>
  );
}
