import { describe, expect, it } from 'vitest';
import { buildUscc } from '@shared/domain/uscc';
import type { Enterprise } from '@shared/domain/model';
import { directoryChunkOf, DirectoryColumns } from '../../data/directoryColumns';
import { enterpriseKeyOf, initialsInContext, pinyinInitials, profileChunkOf } from '../../data/enterpriseKeys';
import { loadPinyin } from '../../data/pinyin';
import { buildSearchIndex } from './searchIndex';

// The keys below are computed when the module loads.
await loadPinyin();

const profile = (index: number, name: string, patch: Partial<Enterprise> = {}): Enterprise => {
  const uscc = buildUscc('9', '1', '370602', `MA${String(index).padStart(6, '0')}`);
  return {
    id: uscc,
    uscc,
    name,
    legalRepresentative: '张三',
    address: '',
    districtCode: '370602',
    industry: '',
    entityCategory: 'enterprise',
    registeredCapitalYuan: 1,
    establishedOn: '2015-03-01',
    location: { lng: 121.4, lat: 37.5 },
    riskClass: 'C',
    lighthouseScore: 700,
    lighthouseEvents: [],
    redList: [],
    blackList: [],
    dishonestDebtors: [],
    penalties: [],
    creditRepairs: [],
    pastInspections: [],
    ...patch,
  };
};

const seafood = profile(1, '烟台海鲜酒楼有限公司', {
  blackList: [{ id: 'b1', authority: '烟台市市场监管局', reason: '提供虚假材料', listedOn: '2024-01-01', removedOn: null }],
  penalties: [
    {
      id: 'p1',
      authority: '芝罘区市场监管局',
      decisionNumber: '烟芝市监罚〔2024〕12号',
      decidedOn: '2024-02-01',
      amountYuan: 1_500_000,
      reason: '无证经营',
      publicityMonths: 36,
      publicityEndsOn: '2027-02-01',
      repairableFrom: '2024-08-01',
      repaired: false,
      confirmations: 1,
    },
  ],
});
const profiles = [seafood, profile(2, '龙口粉丝厂'), profile(3, '烟台市芝罘区海鲜大排档'), profile(4, 'ABC 贸易（烟台）有限公司')];
const directory = DirectoryColumns.empty();
directory.apply(directoryChunkOf(1, 0, profileChunkOf(profiles).entries, []));
const index = buildSearchIndex(directory);
const names = (query: string) => {
  const answer = index.search(query);
  return answer.kind === 'matches' ? answer.matches.map((m) => m.name) : answer.kind;
};

describe('enterprise keys', () => {
  it('precompute pinyin initials and the credit flags', () => {
    expect(pinyinInitials('烟台海鲜酒楼有限公司')).toBe('YTHXJLYXGS');
    expect(pinyinInitials('ABC 贸易（烟台）有限公司')).toBe('ABCMYYTYXGS');
    // Polyphones are read in their word; rare characters and full-width forms as the whole-name conversion reads them.
    expect(pinyinInitials('中国银行')).toBe('ZGYH');
    expect(pinyinInitials('重庆小面馆')).toBe('CQXMG');
    for (const name of [
      '〇六一厂',
      'ＡＢＣ商行',
      '烟台·长岛渔业',
      '𠀾记小吃',
      '莱州顺新水产有限公司',
      '牟平信金餐饮服务有限公司',
      '蓬莱长乐银行营业部',
      '龙口重工机械厂',
      '栖霞苹果种植合作社',
      '海阳行知教育咨询中心',
      '招远金都乐器行',
      '福山区调味品经营部',
    ]) {
      expect(pinyinInitials(name), name).toBe(initialsInContext(name));
    }
    expect(enterpriseKeyOf(seafood)).toMatchObject({
      blackListed: true,
      redListed: false,
      dishonestDebtor: false,
      penalties: 1,
      disputedPenalties: 1,
    });
  });
});

describe('instant check', () => {
  it('finds a full USCC, typed in lower case with spaces', () => {
    const spaced = seafood.uscc.toLowerCase().replace(/(.{6})/g, '$1 ');
    expect(index.search(spaced)).toMatchObject({ kind: 'matches', by: 'uscc', matches: [{ id: seafood.id, blackListed: true }] });
  });

  it('finds by USCC prefix, name fragment and pinyin initials (prefix or inside)', () => {
    expect(names('91370602MA00000')).toHaveLength(4);
    expect(names('海鲜')).toEqual(['烟台海鲜酒楼有限公司', '烟台市芝罘区海鲜大排档']);
    expect(names('ythx')).toEqual(['烟台海鲜酒楼有限公司']);
    expect(names('hxdp')).toEqual(['烟台市芝罘区海鲜大排档']);
    expect(names('abc')).toEqual(['ABC 贸易（烟台）有限公司']);
    expect(names('qqqq')).toEqual([]);
  });

  it('answers the same once the names and initials are kept packed, as the directory hands them to the check', async () => {
    const packed = DirectoryColumns.empty();
    packed.apply(directoryChunkOf(1, 0, profileChunkOf(profiles).entries, []));
    await packed.readyForSearch(async () => undefined);
    const packedIndex = buildSearchIndex(packed);
    expect(packedIndex.search(' - ')).toEqual({ kind: 'empty' });
    for (const query of ['海鲜', 'ythx', 'hxdp', 'abc', '烟台', 'YXGS', 'qqqq', '公司龙口']) {
      expect(packedIndex.search(query), query).toEqual(index.search(query));
      expect(packedIndex.search(query, 1), query).toEqual(index.search(query, 1));
    }
  });

  it('tells why an 18-character code is invalid before any lookup', () => {
    const wrongCheck = seafood.uscc.slice(0, 17) + (seafood.uscc.endsWith('0') ? '1' : '0');
    expect(index.search(wrongCheck)).toMatchObject({ kind: 'invalid_uscc', validation: { reason: 'check_digit', position: 18 } });
    expect(index.search('91350100M000100Y4Z')).toMatchObject({
      kind: 'invalid_uscc',
      validation: { reason: 'check_digit', expected: '3' },
    });
    expect(index.search('91370602MA0000I1X')).toMatchObject({ kind: 'invalid_uscc', validation: { reason: 'charset', position: 15 } });
    expect(index.search(`${seafood.uscc}9`)).toMatchObject({ kind: 'invalid_uscc', validation: { reason: 'length' }, length: 19 });
  });

  it('says a valid code is not in the local data, and an incomplete one matches nothing', () => {
    expect(index.search('91110000600037341L')).toEqual({ kind: 'uscc_not_found', uscc: '91110000600037341L' });
    expect(index.search('9137068')).toEqual({ kind: 'partial_code_not_found', length: 7 });
    expect(index.search('  ')).toEqual({ kind: 'empty' });
  });

  it('caps the results and says there are more', () => {
    expect(index.search('9137', 2)).toMatchObject({ kind: 'matches', more: true, matches: [{}, {}] });
  });
});
