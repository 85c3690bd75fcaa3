// The planning capacity, a setting of the supervisor's machine: how many on-site inspections one inspector can take on
// per working day. Plans and draws are warned about when they ask more of the unit's inspectors.
import { useState } from 'react';

const CAPACITY_KEY = 'onevisit.inspectionsPerInspectorDay';
/** One joint inspection per working day: the visit, its record and its follow-up take an inspector about a day. */
const DEFAULT_CAPACITY = 1;

function readCapacity(stored: string | null): number {
  const value = Number(stored);
  return stored !== null && Number.isFinite(value) && value > 0 ? value : DEFAULT_CAPACITY;
}

export function useCapacity(): [number, (value: number) => void] {
  const [capacity, setCapacity] = useState(() => readCapacity(window.localStorage.getItem(CAPACITY_KEY)));
  return [
    capacity,
    (value) => {
      window.localStorage.setItem(CAPACITY_KEY, String(value));
      setCapacity(value);
    },
  ];
}
