import type { Ports } from '../ports.js';
import type { Viewer } from './viewer.js';

/** Per-request GraphQL context, built by `server` for HTTP and WebSocket alike. */
export interface Context {
  /** null only before authentication (a request without a valid key never reaches a resolver). */
  viewer: Viewer;
  ports: Ports;
  requestId: string;
}
