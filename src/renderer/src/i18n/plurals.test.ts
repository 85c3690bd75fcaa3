// English counts agree with their number: every English message with a count has its singular and plural forms.
import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import { resources } from './resources';

function flatten(tree: object, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [[prefix + key, value] as [string, string]] : flatten(value as object, `${prefix}${key}.`),
  );
}

const english = new Map(flatten(resources.en!.translation as object));

describe('English plurals', () => {
  it('every message with a count comes as _one and _other', () => {
    const counted = [...english].filter(([, text]) => text.includes('{{count}}')).map(([key]) => key);
    expect(counted.length).toBeGreaterThan(10);
    for (const key of counted) {
      expect(key, key).toMatch(/_(one|other)$/);
      const base = key.replace(/_(one|other)$/, '');
      expect(english.has(`${base}_one`) && english.has(`${base}_other`), base).toBe(true);
    }
  });

  it('says "1 change waiting" and "2 changes waiting"', async () => {
    const i18n = createInstance();
    await i18n.init({ resources, lng: 'en', interpolation: { escapeValue: false } });
    expect(i18n.t('sync.pending', { count: 1 })).toBe('1 change waiting');
    expect(i18n.t('sync.pending', { count: 2 })).toBe('2 changes waiting');
    expect(i18n.t('plans.drawnStatus', { count: 2697 })).toBe('Drawn: 2697 enterprises');
    await i18n.changeLanguage('zh-CN');
    expect(i18n.t('sync.pending', { count: 1 })).toBe('1 项修改待上传');
  });
});
