'use client';
import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { TopBar } from '@/components/top-bar';
import { homeOf, RequireSession, useViewer } from '@/features/session/require-session';
import { useSession } from '@/features/session/session-provider';
import { readApiKey } from '@/lib/session-storage';

// GraphiQL (Monaco, web workers) only runs in a browser.
const GraphiQLPlayground = dynamic(() => import('./graphiql-playground'), {
  ssr: false,
  loading: () => (
    <p className="waiting" aria-busy="true">
      Loading the playground…
    </p>
  ),
});

/** `/playground?query=…&variables=…` opens with that operation (shareable links). */
export function Playground() {
  return (
    <RequireSession area="any">
      <PlaygroundFrame />
    </RequireSession>
  );
}

function PlaygroundFrame() {
  const viewer = useViewer();
  const { client } = useSession();
  const params = useSearchParams();
  const apiKey = readApiKey();
  return (
    <div className="playground">
      <TopBar area="playground">
        <Link href={homeOf(viewer)}>Back to the panel</Link>
      </TopBar>
      <main className="playground-editor" aria-label="GraphQL playground">
        {client && apiKey ? (
          <GraphiQLPlayground
            apiKey={apiKey}
            wsClient={client.ws}
            initialQuery={params.get('query') ?? undefined}
            initialVariables={params.get('variables') ?? undefined}
          />
        ) : null}
      </main>
    </div>
  );
}
