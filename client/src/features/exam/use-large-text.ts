import { useCallback, useState } from 'react';

/** localStorage key of the exam page's larger-text choice ('1' = on). */
export const largeTextStorageKey = 'skillcert.exam.largeText';

function readLargeText(): boolean {
  try {
    return localStorage.getItem(largeTextStorageKey) === '1';
  } catch {
    return false;
  }
}

/** The candidate's larger-text choice, persisted in localStorage; returns [isOn, toggle]. */
export function useLargeText(): [boolean, () => void] {
  const [isLargeText, setLargeText] = useState(readLargeText);
  const toggle = useCallback(() => {
    setLargeText((previous) => {
      const next = !previous;
      try {
        localStorage.setItem(largeTextStorageKey, next ? '1' : '0');
      } catch {
        // Storage refused (private window): the choice lasts for this page only.
      }
      return next;
    });
  }, []);
  return [isLargeText, toggle];
}
