// What electron-vite (Vite) defines in main's bundle: DEV is true only when `electron-vite dev` serves the app.
interface ImportMetaEnv {
  readonly DEV: boolean;
}
interface ImportMeta {
  readonly env: ImportMetaEnv;
}
