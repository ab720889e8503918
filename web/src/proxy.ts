// Same-origin API: the browser sends GraphQL (HTTP POST and the graphql-ws WebSocket) to the
// panel's own /graphql, and this forwards it to the API named by HOSTING_API_URL at run time.
// The API then needs no CORS configuration, and the key never goes to a second origin.
import { NextResponse } from 'next/server';

const DEFAULT_API_URL = 'http://127.0.0.1:4000/graphql';

export function proxy(): NextResponse {
  return NextResponse.rewrite(new URL(process.env.HOSTING_API_URL ?? DEFAULT_API_URL));
}

export const config = { matcher: '/graphql' };
