export type Language = 'zh-CN' | 'en';
/** zh-CN first: the default and the fallback. */
export const LANGUAGES: readonly Language[] = ['zh-CN', 'en'];

/** One UI string in every language, side by side: a message lacking a language does not compile. */
export type Message = { readonly [L in Language]: string };
/** The messages of one owner (a feature, app/, components/ or common), possibly in groups. */
export type Messages = { readonly [key: string]: Message | Messages };
