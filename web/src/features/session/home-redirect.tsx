'use client';
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { homeOf, RequireSession, useViewer } from './require-session';

export function HomeRedirect() {
  return (
    <RequireSession area="any">
      <GoHome />
    </RequireSession>
  );
}

function GoHome() {
  const viewer = useViewer();
  const router = useRouter();
  useEffect(() => router.replace(homeOf(viewer)), [router, viewer]);
  return null;
}
