export { EVENTS_CHANNEL } from './channel.js';
export { appendEvent, appendEvents, publishEvent, type EventInput, type EventOwner } from './publish.js';
export { commitStamps, epochNow, TRACE_EVENTS, type CommitStamps, type EventStamps } from './trace.js';
// The status machine lives with the resource kit (../resources); re-exported for existing importers.
export {
  ASYNC_RESOURCES,
  ownerOf,
  setResourceStatus,
  type AsyncResourceType,
  type StatusChange,
} from '../resources/index.js';
