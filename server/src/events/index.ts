export { EVENTS_CHANNEL } from './channel.js';
export { appendEvent, publishEvent, type EventInput, type EventOwner } from './publish.js';
export { ASYNC_RESOURCES, ownerOf, setResourceStatus, type AsyncResourceType, type StatusChange } from './status.js';
