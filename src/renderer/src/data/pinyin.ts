// pinyin-pro's dictionaries are about 450 KB of script that take ~100 ms to evaluate, and only code that stores profiles
// converts names (the sync worker, a sync on the window's thread where no worker runs, upgrades of databases older than
// version 4). That code loads them first, so the app shell starts without them.
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
