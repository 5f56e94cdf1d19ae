import type { RefObject } from 'preact';
import { useEffect } from 'preact/hooks';

/**
 * Puts keyboard focus on `target` when a new page of results has loaded (`loadedKey` names it;
 * undefined while loading) and the focus was lost on the way, e.g. with the pager link that was
 * pressed: a keyboard user continues at the new results instead of the top of the document.
 */
export function useFocusAfterLoad(target: RefObject<HTMLElement | null>, loadedKey: string | undefined): void {
  useEffect(() => {
    if (loadedKey === undefined) return;
    if (document.activeElement === null || document.activeElement === document.body) target.current?.focus();
  }, [loadedKey]);
}
