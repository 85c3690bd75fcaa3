// @vitest-environment jsdom
// The system's reduced-motion setting reaches the theme, also when it changes while the app runs.
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, expect, it, vi } from 'vitest';
import { useReducedMotion } from './reducedMotion';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** A media query list whose answer the test sets, telling its listeners as a browser does. */
function systemSetting(reduce: boolean) {
  const listeners = new Set<() => void>();
  const list = {
    matches: reduce,
    media: '(prefers-reduced-motion: reduce)',
    addEventListener: (_: string, listener: () => void) => listeners.add(listener),
    removeEventListener: (_: string, listener: () => void) => listeners.delete(listener),
  };
  vi.stubGlobal('matchMedia', (query: string) => {
    expect(query).toBe('(prefers-reduced-motion: reduce)');
    return list;
  });
  return {
    listeners,
    change(value: boolean) {
      list.matches = value;
      for (const listener of listeners) listener();
    },
  };
}

function Shown() {
  return <output>{String(useReducedMotion())}</output>;
}

function render() {
  const container = document.createElement('div');
  const root = createRoot(container);
  act(() => root.render(<Shown />));
  return { text: () => container.textContent, unmount: () => act(() => root.unmount()) };
}

afterEach(() => vi.unstubAllGlobals());

it('follows the system setting and its changes, and stops listening when unmounted', () => {
  const setting = systemSetting(false);
  const shown = render();
  expect(shown.text()).toBe('false');
  act(() => setting.change(true));
  expect(shown.text()).toBe('true');
  act(() => setting.change(false));
  expect(shown.text()).toBe('false');
  shown.unmount();
  expect(setting.listeners.size).toBe(0);
});

it('is off in a host without media queries', () => {
  vi.stubGlobal('matchMedia', undefined);
  const shown = render();
  expect(shown.text()).toBe('false');
  shown.unmount();
});
