// pinyin-pro's dictionaries are about 450 KB of script that take ~100 ms to evaluate, and only code that stores profiles
// converts names: pulls, through the store openLocalPullStore loads them for, and upgrades of databases older than
// version 4, which openedOfficerDatabase loads them for. So the app shell starts without them.
type Pinyin = typeof import('pinyin-pro').pinyin;

let loaded: Pinyin | null = null;

export async function loadPinyin(): Promise<void> {
  loaded ??= (await import('pinyin-pro')).pinyin;
}

/** pinyin-pro's converter (its overloads kept); storing profiles without loadPinyin() first is a programming error. */
export const pinyin = ((...args: Parameters<Pinyin>) => {
  if (!loaded) throw new Error('pinyin-pro is not loaded: await loadPinyin() before storing profiles');
  return loaded(...args);
}) as Pinyin;
