/** The PostgreSQL NOTIFY channel of the event spine; the payload is only the new event's cursor. */
export const EVENTS_CHANNEL = 'hostplane_events';

/** NOTIFY channel for a revoked API key; the payload is the key's id (its open sockets close). */
export const API_KEY_REVOKED_CHANNEL = 'hostplane_api_key_revoked';
