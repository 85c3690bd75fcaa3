// @vitest-environment jsdom
import { expect, it } from 'vitest';
import { textElement } from './baseLayer';

it('puts data into a map label as text: markup in a name stays characters', () => {
  const name = '<img src=x onerror="window.pwned=1">有限公司';
  const element = textElement(name, { testid: 'map-tooltip' });
  expect(element.textContent).toBe(name);
  expect(element.querySelector('img')).toBeNull();
  expect(element.dataset.testid).toBe('map-tooltip');
});
