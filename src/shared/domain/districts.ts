// Yantai's county-level districts (GB/T 2260), current since the 2020 merger of 长岛县 into 蓬莱区. See DOMAIN.md.

export interface District {
  /** GB/T 2260 division code; also positions 3–8 of a USCC registered there. */
  code: string;
  name: string;
}

export const YANTAI_DISTRICTS: readonly District[] = [
  { code: '370602', name: '芝罘区' },
  { code: '370611', name: '福山区' },
  { code: '370612', name: '牟平区' },
  { code: '370613', name: '莱山区' },
  { code: '370614', name: '蓬莱区' },
  { code: '370681', name: '龙口市' },
  { code: '370682', name: '莱阳市' },
  { code: '370683', name: '莱州市' },
  { code: '370685', name: '招远市' },
  { code: '370686', name: '栖霞市' },
  { code: '370687', name: '海阳市' },
];

export function districtName(code: string): string | undefined {
  return YANTAI_DISTRICTS.find((d) => d.code === code)?.name;
}

/** Older division codes still found in map data: 蓬莱市 and 长岛县 formed 蓬莱区 in 2020. */
export const LEGACY_DISTRICT_CODES: Readonly<Record<string, string>> = { '370684': '370614', '370634': '370614' };

export function currentDistrictCode(code: string): string {
  return LEGACY_DISTRICT_CODES[code] ?? code;
}
