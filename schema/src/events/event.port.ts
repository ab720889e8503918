import type { Viewer } from '../common/viewer.js';
import type { EventsArgs } from './event.input.js';
import type { EventRecord } from './event.type.js';

export interface EventsPort {
  /** Replay after `args.after`, then live events, each checked against the viewer. */
  subscribe(viewer: Viewer, args: EventsArgs): AsyncIterable<EventRecord>;
  /** Newest first; batched per request. */
  recentFor(viewer: Viewer, resourceType: string, resourceId: string, last: number): Promise<EventRecord[]>;
}
