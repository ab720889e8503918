/** The one PostgreSQL NOTIFY channel; the payload is only the new event's cursor. */
export const EVENTS_CHANNEL = 'hostplane_events';
