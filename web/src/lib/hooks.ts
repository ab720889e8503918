'use client';
import { useEffect, useRef, useState } from 'react';
import type { ResourceEventFieldsFragment } from '@/generated/graphql';
import { onLiveEvent } from './live-events';

/** `value`, once it has stopped changing for `ms` (search boxes). */
export function useDebounced<T>(value: T, ms = 300): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * True when `event` adds an object to a list or takes one out: CREATED, DELETED, or the STATUS
 * DELETED a delete workflow ends with.
 */
export function changesMembership(event: ResourceEventFieldsFragment): boolean {
  return (
    event.kind === 'CREATED' || event.kind === 'DELETED' || (event.kind === 'STATUS' && event.status === 'DELETED')
  );
}

/**
 * Runs `refetch` (at most every 300 ms) when a live event matches: lists use it for objects
 * that appear or disappear (CREATED, DELETED), which a cache merge cannot place in a page.
 * Status changes need no refetch: they reach the cache directly.
 */
export function useRefetchOn(match: (event: ResourceEventFieldsFragment) => boolean, refetch: () => unknown): void {
  const latest = useRef({ match, refetch });
  latest.current = { match, refetch };
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const stop = onLiveEvent((event) => {
      if (!latest.current.match(event) || timer) return;
      timer = setTimeout(() => {
        timer = null;
        void latest.current.refetch();
      }, 300);
    });
    return () => {
      stop();
      if (timer) clearTimeout(timer);
    };
  }, []);
}
