'use client';
import { Kind, OperationTypeNode, parse } from 'graphql';
import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { TopBar } from '@/components/top-bar';
import { homeOf, RequireSession, useViewer } from '@/features/session/require-session';
import { useSession } from '@/features/session/session-provider';

// GraphiQL (Monaco, web workers) only runs in a browser.
const GraphiQLPlayground = dynamic(() => import('./graphiql-playground'), {
  ssr: false,
  loading: () => (
    <p className="waiting" aria-busy="true">
      Loading the playground…
    </p>
  ),
});

/** `/playground?query=…&variables=…` opens with that operation (shareable links, read-only ones). */
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
  const shared = sharedOperation(params.get('query'));
  return (
    <div className="playground">
      <TopBar area="playground">
        <Link href={homeOf(viewer)}>Back to the panel</Link>
      </TopBar>
      {shared.refused ? (
        <p role="alert" className="playground-notice">
          The link you followed carries a mutation; it was not loaded. A link must not make you change anything with
          your key: write the mutation yourself if you mean it.
        </p>
      ) : null}
      <main className="playground-editor" aria-label="GraphQL playground">
        {client ? (
          <GraphiQLPlayground
            wsClient={client.ws}
            initialQuery={shared.query}
            initialVariables={shared.query ? (params.get('variables') ?? undefined) : undefined}
          />
        ) : null}
      </main>
    </div>
  );
}

/**
 * The operation a `?query=` link may open with: queries and subscriptions only. A link with a
 * mutation is how someone else gets a logged-in user to run `deleteTenant` with one click;
 * text that does not parse opens as it is (GraphiQL shows the error and runs nothing).
 */
function sharedOperation(text: string | null): { query?: string; refused: boolean } {
  if (!text) return { refused: false };
  try {
    const mutates = parse(text).definitions.some(
      (d) => d.kind === Kind.OPERATION_DEFINITION && d.operation === OperationTypeNode.MUTATION,
    );
    return mutates ? { refused: true } : { query: text, refused: false };
  } catch {
    return { query: text, refused: false };
  }
}
