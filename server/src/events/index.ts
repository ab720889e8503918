export { EVENTS_CHANNEL } from './channel.js';
export { appendEvent, publishEvent, type EventInput, type EventOwner } from './publish.js';
export { setResourceStatus, type StatusChange } from './status.js';
